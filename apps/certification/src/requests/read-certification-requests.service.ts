import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { RegistryRepository } from '../registry/registry.repository';
import { LearnerNotFoundError } from '../certificates/domain/certificate.errors';
import { CertificationRequest } from './domain/certification-request';
import { CertificationRequestRepository } from './certification-request.repository';

@Injectable()
export class ReadCertificationRequestsService {
  constructor(
    private readonly requests: CertificationRequestRepository,
    private readonly registry: RegistryRepository,
  ) {}

  /**
   * A learner's requests to VNeID and their state, for a caller whose unit holds the learner's (the
   * registry's unit, else the unit of the completion): bounded like listLearnerCertificates.
   */
  async listForLearner(actor: Actor, learnerId: string): Promise<CertificationRequest[]> {
    const requests = await this.requests.listByLearner(learnerId);
    const learner = await this.registry.findLearner(learnerId);
    const unitCode = learner?.unitCode ?? requests[requests.length - 1]?.unitCode;
    if (!unitCode) throw new LearnerNotFoundError(learnerId);
    await assertUnitInScope(actor, unitCode, this.registry);
    return requests;
  }
}
