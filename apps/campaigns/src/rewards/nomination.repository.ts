import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { Nomination, NomineeKind } from './domain/nomination';
import { NominationEntity } from './nomination.entity';

/** The only code that knows the nomination table, and where each kind of nominee belongs. */
@Injectable()
export class NominationRepository {
  private readonly nominations: EntityTable<NominationEntity>;

  constructor(private readonly db: Database) {
    this.nominations = EntityTable.of(db.dataSource, NominationEntity);
  }

  /** The unit a nominee belongs to, or null when there is no such nominee. */
  async unitOfNominee(kind: NomineeKind, id: string): Promise<string | null> {
    const sql = {
      UNIT: 'SELECT code AS unit FROM administrative_unit WHERE code = $1',
      MENTOR: 'SELECT unit_code AS unit FROM mentor WHERE id::text = $1',
      TEAM: 'SELECT unit_code AS unit FROM team WHERE id::text = $1',
    }[kind];
    const [row] = await this.db.manager.query(sql, [id]);
    return (row?.unit as string | undefined) ?? null;
  }

  /** True when inserted; false when the nominee is nominated for the period already. */
  async insert(tx: EntityManager, nomination: Nomination): Promise<boolean> {
    const rows = await this.nominations.insertMany(tx, [nomination], {
      onConflict: '(nominee_kind, nominee_id, period) DO NOTHING',
      returning: 'id',
    });
    return rows.length === 1;
  }

  async findFor(
    tx: EntityManager,
    kind: NomineeKind,
    nomineeId: string,
    period: string,
  ): Promise<Nomination | null> {
    const [row] = await tx.query(
      `SELECT ${this.nominations.select('n')} FROM nomination n
        WHERE n.nominee_kind = $1 AND n.nominee_id = $2 AND n.period = $3`,
      [kind, nomineeId, period],
    );
    return (row as Nomination | undefined) ?? null;
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<Nomination | null> {
    const [row] = await manager.query(
      `SELECT ${this.nominations.select('n')} FROM nomination n WHERE n.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return (row as Nomination | undefined) ?? null;
  }

  async approve(tx: EntityManager, n: Nomination): Promise<void> {
    await tx.query(`UPDATE nomination SET status = $2, approved_by = $3, approved_at = $4 WHERE id = $1`, [
      n.id,
      n.status,
      n.approvedBy,
      n.approvedAt,
    ]);
  }

  async list(filter: { unitCodes?: string[]; period?: string }): Promise<Nomination[]> {
    return this.db.manager.query(
      `SELECT ${this.nominations.select('n')} FROM nomination n
        WHERE ($1::text[] IS NULL OR n.unit_code = ANY($1)) AND ($2::text IS NULL OR n.period = $2)
        ORDER BY n.proposed_at DESC, n.id LIMIT 500`,
      [filter.unitCodes ?? null, filter.period ?? null],
    );
  }
}
