import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '@bdhvs/service-runtime';
import { Certificate } from './domain/certificate';
import { CertificateEntity, VneidEventEntity } from './certificate.entity';

/** The only code that knows the certification tables. */
@Injectable()
export class CertificateRepository {
  constructor(private readonly db: Database) {}

  async findByNumber(tx: EntityManager, certificateNo: string, lock = false): Promise<Certificate | null> {
    return tx.getRepository(CertificateEntity).findOne({
      where: { certificateNo },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  findByNumberReadOnly(certificateNo: string): Promise<Certificate | null> {
    return this.findByNumber(this.db.manager, certificateNo);
  }

  async findActive(tx: EntityManager, learnerKey: string, programme: string): Promise<Certificate | null> {
    return tx
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .where('c.learner_key = :learnerKey AND c.programme = :programme AND c.revoked_at IS NULL', { learnerKey, programme })
      .getOne();
  }

  async insert(tx: EntityManager, certificate: Certificate): Promise<void> {
    await tx.getRepository(CertificateEntity).insert(certificate);
  }

  async markRevoked(tx: EntityManager, id: string, at: Date, reason: string | null): Promise<void> {
    await tx.getRepository(CertificateEntity).update({ id }, { revokedAt: at, revocationReason: reason });
  }

  /** Records the event; false when its eventId was already recorded (a resend). */
  async recordEvent(tx: EntityManager, event: Omit<VneidEventEntity, 'receivedAt'>): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO vneid_event (event_id, type, certificate_no, learner_key, occurred_at, outcome, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.eventId, event.type, event.certificateNo, event.learnerKey, event.occurredAt, event.outcome, event.reason],
    );
    return rows.length > 0;
  }

  async setOutcome(tx: EntityManager, eventId: string, outcome: string): Promise<void> {
    await tx.query('UPDATE vneid_event SET outcome = $2 WHERE event_id = $1', [eventId, outcome]);
  }

  async pendingRevocation(tx: EntityManager, certificateNo: string): Promise<VneidEventEntity | null> {
    return tx
      .getRepository(VneidEventEntity)
      .findOne({ where: { certificateNo, outcome: 'revocation-pending' }, order: { occurredAt: 'ASC' } });
  }
}
