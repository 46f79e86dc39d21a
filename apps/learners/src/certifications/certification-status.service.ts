import { Injectable } from '@nestjs/common';
import type { Actor } from '@bdhvs/auth';
import { AdministrativeUnitRepository } from '../units/administrative-unit.repository';
import { CertificationStatus, certificationStatus } from './domain/learner-certification';
import { LearnerCertificationRepository } from './learner-certification.repository';

@Injectable()
export class CertificationStatusService {
  constructor(
    private readonly certifications: LearnerCertificationRepository,
    private readonly units: AdministrativeUnitRepository,
  ) {}

  /** Whether the learner is certified now; a unit-bounded caller sees only their unit and below. */
  async statusOf(actor: Actor, learnerKey: string, now = new Date()): Promise<CertificationStatus> {
    const visibleUnits = actor.unit ? new Set(await this.units.codesWithin(actor.unit)) : null;
    return certificationStatus(
      learnerKey,
      await this.certifications.findByLearner(learnerKey),
      now,
      visibleUnits,
    );
  }
}
