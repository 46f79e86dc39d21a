import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database, SERVICE_CONFIG, currentTrace } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { Certificate, decideCorrection } from './domain/certificate';
import {
  CertificateConflictError,
  CertificateNotFoundError,
  CertificateRevokedError,
  InvalidCorrectionError,
} from './domain/certificate.errors';
import { certificateEvent } from './certificate.events';
import { CertificateRepository } from './certificate.repository';

export interface CorrectCertificateCommand {
  certificateNo: string;
  unitCode?: string;
  programme?: string;
  reason: string;
}

/**
 * A province admin corrects a certificate issued to the wrong unit or programme: one transaction stores
 * the certificate under a new id, the history row, and a revoke-and-reissue pair on the outbox.
 */
@Injectable()
export class CorrectCertificateService {
  private readonly programmes: ReadonlySet<string>;

  constructor(
    private readonly db: Database,
    private readonly certificates: CertificateRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) config: CertificationConfig,
  ) {
    this.programmes = new Set(config.VNEID_PROGRAMMES);
  }

  async correct(actor: Actor, command: CorrectCertificateCommand): Promise<Certificate> {
    const found = await this.certificates.findByNumber(command.certificateNo);
    if (!found) throw new CertificateNotFoundError(command.certificateNo);
    return this.db.transaction(async (tx) => {
      // The same lock as VNeID events of this learner: a revocation cannot slip in between.
      await this.certificates.lockLearners(tx, [found.learnerKey]);
      const known = await this.certificates.knownState(tx, {
        eventIds: [],
        certificateNos: [command.certificateNo],
        learnerKeys: [found.learnerKey],
        unitCodes: command.unitCode ? [command.unitCode] : [],
      });
      const certificate = known.certificates.find((c) => c.certificateNo === command.certificateNo);
      if (!certificate) throw new CertificateNotFoundError(command.certificateNo);
      const correction = {
        id: randomUUID(),
        unitCode: command.unitCode,
        programme: command.programme,
        reason: command.reason,
        correctedBy: actor.sub,
        correctedAt: new Date(),
      };
      const decision = decideCorrection(
        certificate,
        correction,
        known.certificates.filter((c) => c.learnerKey === certificate.learnerKey),
        new Set([...known.knownUnits, certificate.unitCode]),
        this.programmes,
        randomUUID(),
      );
      switch (decision.kind) {
        case 'invalid':
          throw new InvalidCorrectionError(decision.problems);
        case 'revoked':
          throw new CertificateRevokedError(command.certificateNo);
        case 'conflict':
          throw new CertificateConflictError(decision.existingCertificateNo);
      }
      await this.certificates.recordCorrection(tx, certificate, decision.corrected, correction);
      const trace = currentTrace();
      await this.outbox.enqueueAll(
        tx,
        decision.changes.map((change) => certificateEvent(change, trace)),
      );
      return decision.corrected;
    });
  }
}
