import type { Actor, UnitHierarchy } from '@bdhvs/auth';
import { OutsideCallerUnitError } from './domain/registry.errors';

/**
 * A caller bounded to a unit reaches that unit and the units below it. The 403 names the field that led
 * to the unit (the mentor, team, campaign, learner or unit asked for), as every refusal here does.
 */
export async function assertCallerReaches(
  actor: Actor,
  unitCode: string,
  hierarchy: UnitHierarchy,
  field: string,
): Promise<void> {
  if (!actor.unit) return;
  if (!(await hierarchy.isWithin(unitCode, actor.unit))) throw new OutsideCallerUnitError(field, unitCode);
}
