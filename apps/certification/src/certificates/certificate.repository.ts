import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '@bdhvs/service-runtime';
import { Certificate } from './domain/certificate';
import { CertificateEntity, VneidEventEntity } from './certificate.entity';

export interface EventSituation {
  /** This eventId was received before. */
  seen: boolean;
  sameNumber: Certificate | null;
  activeForProgramme: Certificate | null;
  pendingRevocation: { eventId: string; occurredAt: Date; reason: string | null } | null;
}

interface CertificateRow {
  id: string;
  certificate_no: string;
  learner_key: string;
  masked_name: string;
  programme: string;
  unit_code: string;
  date_of_birth: string;
  issued_at: string;
  revoked_at: string | null;
  revocation_reason: string | null;
}

function certificateOf(row: CertificateRow | null): Certificate | null {
  if (!row) return null;
  return {
    id: row.id,
    certificateNo: row.certificate_no,
    learnerKey: row.learner_key,
    maskedName: row.masked_name,
    programme: row.programme,
    unitCode: row.unit_code,
    dateOfBirth: row.date_of_birth,
    issuedAt: new Date(row.issued_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    revocationReason: row.revocation_reason,
  };
}

/** The only code that knows the certification tables. */
@Injectable()
export class CertificateRepository {
  constructor(private readonly db: Database) {}

  findByNumberReadOnly(certificateNo: string): Promise<Certificate | null> {
    return this.db.manager.getRepository(CertificateEntity).findOne({ where: { certificateNo } });
  }

  /** Everything a VNeID event is decided on, in one round trip. */
  async situation(
    tx: EntityManager,
    event: { eventId: string; certificateNo: string; learnerKey: string; programme: string },
  ): Promise<EventSituation> {
    const [row] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM vneid_event WHERE event_id = $1) AS seen,
              (SELECT row_to_json(c) FROM certificate c WHERE c.certificate_no = $2) AS same_number,
              (SELECT row_to_json(c) FROM certificate c
                WHERE c.learner_key = $3 AND c.programme = $4 AND c.revoked_at IS NULL LIMIT 1) AS active,
              (SELECT json_build_object('eventId', e.event_id, 'occurredAt', e.occurred_at, 'reason', e.reason)
                 FROM vneid_event e WHERE e.certificate_no = $2 AND e.outcome = 'revocation-pending'
                ORDER BY e.occurred_at LIMIT 1) AS pending`,
      [event.eventId, event.certificateNo, event.learnerKey, event.programme],
    );
    const pending = row.pending as { eventId: string; occurredAt: string; reason: string | null } | null;
    return {
      seen: row.seen,
      sameNumber: certificateOf(row.same_number),
      activeForProgramme: certificateOf(row.active),
      pendingRevocation: pending ? { ...pending, occurredAt: new Date(pending.occurredAt) } : null,
    };
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
      [
        event.eventId,
        event.type,
        event.certificateNo,
        event.learnerKey,
        event.occurredAt,
        event.outcome,
        event.reason,
      ],
    );
    return rows.length > 0;
  }

  async setOutcome(tx: EntityManager, eventId: string, outcome: string): Promise<void> {
    await tx.query('UPDATE vneid_event SET outcome = $2 WHERE event_id = $1', [eventId, outcome]);
  }
}
