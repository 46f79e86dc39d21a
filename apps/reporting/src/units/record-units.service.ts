import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitRegisteredV1 } from '@bdhvs/events';
import { ProjectionVersion } from '../registry/projection-version';
import { UnitHierarchyRepository } from './unit-hierarchy.repository';

/** Reporting's copy of the administrative units, from the learners service's events. */
@Injectable()
export class RecordUnitsService {
  constructor(
    private readonly units: UnitHierarchyRepository,
    private readonly version: ProjectionVersion,
  ) {}

  async record(tx: EntityManager, units: UnitRegisteredV1[]): Promise<void> {
    await this.units.upsertAll(tx, units);
    await this.version.bump(tx, { units: units.filter((u) => u.map === '2025').map((u) => u.code) });
  }
}
