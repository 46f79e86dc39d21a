import { DomainError } from '@bdhvs/domain';
import { Actor } from './actor';

/** Answers whether one administrative unit lies inside another (or is it). */
export interface UnitHierarchy {
  isWithin(unitCode: string, ancestorCode: string): Promise<boolean>;
}

export class OutsideUnitError extends DomainError {
  constructor(unitCode: string) {
    super('outside-unit', `Unit ${unitCode} is outside the caller's administrative unit.`);
  }
}

/** The unit a read defaults to: the caller's own, or the province for province-wide callers. */
export function defaultUnit(actor: Actor, provinceCode: string): string {
  return actor.unit ?? provinceCode;
}

/** A caller bounded to a unit may reach that unit and the units below it, nothing else. */
export async function assertUnitInScope(
  actor: Actor,
  unitCode: string,
  hierarchy: UnitHierarchy,
): Promise<void> {
  if (!actor.unit) return;
  if (!(await hierarchy.isWithin(unitCode, actor.unit))) throw new OutsideUnitError(unitCode);
}
