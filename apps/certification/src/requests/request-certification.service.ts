import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CourseCompletedV1 } from '@bdhvs/events';
import { Outbox } from '@bdhvs/messaging';
import { SERVICE_CONFIG, lockKeys } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { requestsFor } from './domain/certification-request';
import { certificationRequested } from './certification-request.events';
import { CertificationRequestRepository } from './certification-request.repository';

/**
 * Course completions of programmes VNeID confirms become requests to VNeID, as a set: stored once per
 * learner and programme, and published (only those newly stored and not already certified) in the same
 * transaction.
 */
@Injectable()
export class RequestCertificationService {
  private readonly programmes: ReadonlySet<string>;

  constructor(
    private readonly requests: CertificationRequestRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) config: CertificationConfig,
  ) {
    this.programmes = new Set(config.VNEID_PROGRAMMES);
  }

  async requestAll(tx: EntityManager, completions: CourseCompletedV1[], now = new Date()): Promise<void> {
    const wanted = requestsFor(
      completions.map((c) => ({
        learnerKey: c.learnerKey,
        learnerId: c.learnerId,
        unitCode: c.unitCode,
        courseId: c.courseId,
        courseCode: c.courseCode,
        programmes: c.programmes.map((p) => p.code),
        completedAt: new Date(c.completedAt),
      })),
      this.programmes,
      now,
      randomUUID,
    );
    if (wanted.length === 0) return;
    // The same locks as arriving VNeID events: a certificate and a request of one learner never race.
    await lockKeys(
      tx,
      wanted.map((r) => r.learnerKey),
    );
    const stored = await this.requests.insertNew(tx, wanted);
    await this.outbox.enqueueAll(
      tx,
      stored.filter((r) => r.state === 'requested').map(certificationRequested),
    );
  }
}
