import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { ProjectionVersion } from '../registry/projection-version';
import { QualificationRepository } from './qualification.repository';

export interface FiguresCommand {
  year: number;
  indicator: string;
  values: { unitCode: string; value: number }[];
}

/** setDenominators and setTargets: official figures for units within the caller's own. */
@Injectable()
export class SetFiguresService {
  constructor(
    private readonly db: Database,
    private readonly units: UnitHierarchyRepository,
    private readonly qualifications: QualificationRepository,
    private readonly version: ProjectionVersion,
  ) {}

  async set(actor: Actor, kind: 'denominator' | 'target', command: FiguresCommand): Promise<void> {
    for (const unitCode of new Set(command.values.map((v) => v.unitCode)))
      await assertUnitInScope(actor, unitCode, this.units);
    await this.db.transaction(async (tx) => {
      await this.version.bump(tx, { units: command.values.map((v) => v.unitCode) });
      await this.qualifications.setFigures(
        tx,
        command.values.map(({ unitCode, value }) => ({
          kind,
          unitCode,
          year: command.year,
          indicator: command.indicator,
          value,
          setBy: actor.sub,
        })),
      );
    });
  }
}
