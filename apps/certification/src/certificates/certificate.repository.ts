import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable, lockKeys } from '@bdhvs/service-runtime';
import { Certificate, KnownState, PendingRevocation, RecordedEvent } from './domain/certificate';
import { CertificateEntity, VneidEventEntity } from './certificate.entity';
import { CertificateCorrectionEntity } from './certificate-correction.entity';

/** The only code that knows the certification tables. */
@Injectable()
export class CertificateRepository {
  private readonly certificates: EntityTable<CertificateEntity>;
  private readonly events: EntityTable<VneidEventEntity>;
  private readonly corrections: EntityTable<CertificateCorrectionEntity>;

  constructor(private readonly db: Database) {
    this.certificates = EntityTable.of(db.dataSource, CertificateEntity);
    this.events = EntityTable.of(db.dataSource, VneidEventEntity);
    this.corrections = EntityTable.of(db.dataSource, CertificateCorrectionEntity);
  }

  async findByNumber(certificateNo: string): Promise<Certificate | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.certificates.select('c')} FROM certificate c WHERE c.certificate_no = $1`,
      [certificateNo],
    );
    return (row as Certificate | undefined) ?? null;
  }

  /** A learner's certificates, revoked ones included, oldest first. */
  async listByLearnerKey(learnerKey: string): Promise<Certificate[]> {
    const rows = await this.db.manager.query(
      `SELECT ${this.certificates.select('c')} FROM certificate c WHERE c.learner_key = $1
        ORDER BY c.issued_at, c.certificate_no`,
      [learnerKey],
    );
    return rows as Certificate[];
  }

  /** Serialises batches that touch the same learners (the webhook's and the Kafka channel's). */
  lockLearners(tx: EntityManager, learnerKeys: string[]): Promise<void> {
    return lockKeys(tx, learnerKeys);
  }

  /** Everything a batch of VNeID events is decided on, in one round trip. */
  async knownState(
    tx: EntityManager,
    batch: { eventIds: string[]; certificateNos: string[]; learnerKeys: string[]; unitCodes: string[] },
  ): Promise<KnownState> {
    const [row] = await tx.query(
      `SELECT
         (SELECT coalesce(array_agg(event_id), '{}') FROM vneid_event WHERE event_id = ANY($1)) AS seen,
         (SELECT coalesce(json_agg(c), '[]') FROM (
            SELECT ${this.certificates.select('c')} FROM certificate c
             WHERE c.certificate_no = ANY($2) OR (c.learner_key = ANY($3) AND c.revoked_at IS NULL)) c) AS certificates,
         (SELECT coalesce(json_agg(p), '[]') FROM (
            SELECT e.event_id AS "eventId", e.certificate_no AS "certificateNo", e.occurred_at AS "occurredAt", e.reason
              FROM vneid_event e WHERE e.certificate_no = ANY($2) AND e.outcome = 'revocation-pending') p) AS pending,
         (SELECT coalesce(array_agg(code), '{}') FROM known_unit WHERE code = ANY($4)) AS units`,
      [batch.eventIds, batch.certificateNos, batch.learnerKeys, [...new Set(batch.unitCodes)]],
    );
    const dates = <T extends object>(o: T, keys: (keyof T)[]): T =>
      Object.fromEntries(
        Object.entries(o).map(([k, v]) => [k, keys.includes(k as keyof T) && v ? new Date(v as string) : v]),
      ) as T;
    return {
      seenEventIds: new Set(row.seen as string[]),
      certificates: (row.certificates as Certificate[]).map((c) => dates(c, ['issuedAt', 'revokedAt'])),
      pendingRevocations: (row.pending as PendingRevocation[]).map((p) => dates(p, ['occurredAt'])),
      knownUnits: new Set(row.units as string[]),
    };
  }

  async insertCertificates(tx: EntityManager, certificates: Certificate[]): Promise<void> {
    await this.certificates.insertMany(tx, certificates);
  }

  async markRevoked(tx: EntityManager, revocations: { id: string; at: Date; reason: string | null }[]) {
    if (revocations.length === 0) return;
    await tx.query(
      `UPDATE certificate c SET revoked_at = r.at, revocation_reason = r.reason
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS r(id, at, reason) WHERE c.id = r.id`,
      [revocations.map((r) => r.id), revocations.map((r) => r.at), revocations.map((r) => r.reason)],
    );
  }

  /** Records the events; returns the eventIds actually inserted (another transaction may have won one). */
  async recordEvents(tx: EntityManager, events: RecordedEvent[]): Promise<string[]> {
    return this.events.insertMany(tx, events, { onConflict: '(event_id) DO NOTHING', returning: 'eventId' });
  }

  /** The certificate under its new id and placement, and the history row, in the caller's transaction. */
  async recordCorrection(
    tx: EntityManager,
    from: Certificate,
    to: Certificate,
    correction: { id: string; reason: string; correctedBy: string; correctedAt: Date },
  ): Promise<void> {
    await tx.query('UPDATE certificate SET id = $2, unit_code = $3, programme = $4 WHERE id = $1', [
      from.id,
      to.id,
      to.unitCode,
      to.programme,
    ]);
    await this.corrections.insertMany(tx, [
      {
        id: correction.id,
        certificateNo: from.certificateNo,
        fromCertificateId: from.id,
        toCertificateId: to.id,
        fromUnitCode: from.unitCode,
        toUnitCode: to.unitCode,
        fromProgramme: from.programme,
        toProgramme: to.programme,
        reason: correction.reason,
        correctedBy: correction.correctedBy,
        correctedAt: correction.correctedAt,
      },
    ]);
  }

  async setOutcomes(tx: EntityManager, eventIds: string[], outcome: string): Promise<void> {
    if (eventIds.length === 0) return;
    await tx.query('UPDATE vneid_event SET outcome = $2 WHERE event_id = ANY($1)', [eventIds, outcome]);
  }
}
