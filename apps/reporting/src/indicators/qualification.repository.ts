import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateIssuedV1, CertificateRevokedV1 } from '@bdhvs/events';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { OfficialFigureEntity, QualificationEntity, RevocationEntity } from './qualification.entity';

/** The only code that knows the projection tables. */
@Injectable()
export class QualificationRepository {
  private readonly qualifications: EntityTable<QualificationEntity>;
  private readonly revocations: EntityTable<RevocationEntity>;
  private readonly figureTable: EntityTable<OfficialFigureEntity>;

  constructor(private readonly db: Database) {
    this.qualifications = EntityTable.of(db.dataSource, QualificationEntity);
    this.revocations = EntityTable.of(db.dataSource, RevocationEntity);
    this.figureTable = EntityTable.of(db.dataSource, OfficialFigureEntity);
  }

  /** One statement for a whole batch; a certificate already recorded stays as it was. */
  async recordIssued(tx: EntityManager, events: CertificateIssuedV1[]): Promise<void> {
    await this.qualifications.insertMany(
      tx,
      events.map((e) => ({
        certificateId: e.certificateId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        dateOfBirth: e.dateOfBirth,
        issuedAt: new Date(e.issuedAt),
        sourceEventId: e.sourceEventId,
      })),
      { onConflict: '(certificate_id) DO NOTHING' },
    );
  }

  async recordRevoked(tx: EntityManager, events: CertificateRevokedV1[]): Promise<void> {
    await this.revocations.insertMany(
      tx,
      events.map((e) => ({
        certificateId: e.certificateId,
        revokedAt: new Date(e.revokedAt),
        sourceEventId: e.sourceEventId,
      })),
      { onConflict: '(certificate_id) DO NOTHING' },
    );
  }

  async figures(
    kind: 'denominator' | 'target',
    units: string[],
    year: number,
    indicator: string,
  ): Promise<Map<string, number>> {
    const rows: { unit_code: string; value: string }[] = await this.db.manager.query(
      `SELECT unit_code, value FROM official_figure WHERE kind = $1 AND unit_code = ANY($2) AND year = $3 AND indicator = $4`,
      [kind, units, year, indicator],
    );
    return new Map(rows.map((r) => [r.unit_code, Number(r.value)]));
  }

  /** Sets the figures in one statement; a unit named twice keeps its last value. */
  async setFigures(tx: EntityManager, figures: Omit<OfficialFigureEntity, 'setAt'>[]): Promise<void> {
    const last = new Map(figures.map((f) => [`${f.kind}|${f.unitCode}|${f.year}|${f.indicator}`, f]));
    await this.figureTable.insertMany(tx, [...last.values()], {
      onConflict:
        '(kind, unit_code, year, indicator) DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = now()',
    });
  }
}
