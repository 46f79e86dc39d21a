import { Injectable } from '@nestjs/common';
import type { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import {
  AdministrativeUnit,
  MANUAL_SOURCE_PREFIX,
  renamedUnit,
  unitNameProblems,
  villageProblems,
} from './domain/administrative-unit';
import { InvalidUnitError, UnitNotFoundError } from './domain/unit.errors';
import { AdministrativeUnitRepository } from './administrative-unit.repository';
import { unitRegistered } from './unit.events';

/**
 * A province-admin adds a village or renames a unit of the 2025 map. Each change is saved with its
 * event in one transaction: villages on learners.village-registered.v1, other units on
 * learners.unit-registered.v1, both upserts by code (the same payload for an add and a rename).
 */
@Injectable()
export class RegisterUnitService {
  constructor(
    private readonly db: Database,
    private readonly units: AdministrativeUnitRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Adds the village, or renames it when the code exists; `created` says which. */
  async registerVillage(
    actor: Actor,
    input: { code: string; name: string; shortName?: string; parentCode: string },
  ) {
    return this.db.transaction(async (tx) => {
      const [parent] = await this.units.findMany(tx, [{ map: '2025', code: input.parentCode }]);
      const problems = villageProblems(input, parent ?? null);
      if (problems.length) throw new InvalidUnitError(problems);
      const [existing] = await this.units.findMany(tx, [{ map: '2025', code: input.code }]);
      if (existing && existing.type !== 'village')
        throw new InvalidUnitError([
          { field: 'code', message: 'code belongs to a unit that is not a village' },
        ]);
      const base: AdministrativeUnit = existing ?? {
        map: '2025',
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? input.name,
        type: 'village',
        parentCode: input.parentCode,
        mergedIntoCode: null,
        gsoType: null,
        resolutionItem: null,
        source: `${MANUAL_SOURCE_PREFIX}${actor.sub}`,
      };
      const unit = renamedUnit(
        { ...base, parentCode: input.parentCode },
        input.name,
        input.shortName,
        actor.sub,
      );
      await this.units.upsert(tx, [unit]);
      await this.outbox.enqueue(tx, unitRegistered(unit));
      return { unit, created: !existing };
    });
  }

  async rename(actor: Actor, code: string, name: string, shortName?: string): Promise<AdministrativeUnit> {
    return this.db.transaction(async (tx) => {
      const [existing] = await this.units.findMany(tx, [{ map: '2025', code }]);
      if (!existing) throw new UnitNotFoundError(code);
      const problems = unitNameProblems(name, shortName);
      if (problems.length) throw new InvalidUnitError(problems);
      const unit = renamedUnit(existing, name, shortName, actor.sub);
      await this.units.upsert(tx, [unit]);
      await this.outbox.enqueue(tx, unitRegistered(unit));
      return unit;
    });
  }
}
