import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { RegistryRepository } from '../registry/registry.repository';
import { Certificate } from './domain/certificate';
import { CertificateNotFoundError, LearnerNotFoundError } from './domain/certificate.errors';
import { CertificateRepository } from './certificate.repository';

@Injectable()
export class ReadCertificatesService {
  constructor(
    private readonly certificates: CertificateRepository,
    private readonly registry: RegistryRepository,
  ) {}

  /** A learner's certificates, for a caller whose unit holds the learner's (any unit for the province). */
  async listForLearner(actor: Actor, learnerId: string): Promise<Certificate[]> {
    const learner = await this.registry.findLearner(learnerId);
    if (!learner) throw new LearnerNotFoundError(learnerId);
    await assertUnitInScope(actor, learner.unitCode, this.registry);
    return this.certificates.listByLearnerKey(learner.learnerKey);
  }

  async get(certificateNo: string): Promise<Certificate> {
    const certificate = await this.certificates.findByNumber(certificateNo);
    if (!certificate) throw new CertificateNotFoundError(certificateNo);
    return certificate;
  }

  /** The public check: null for a number nobody issued. */
  find(certificateNo: string): Promise<Certificate | null> {
    return this.certificates.findByNumber(certificateNo);
  }
}
