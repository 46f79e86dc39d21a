import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityCopy, EntityTable } from '@bdhvs/service-runtime';
import { AgeBand, Learner, LearnerSource, TargetGroup, birthDatesOfAgeBand } from './domain/learner';

import { LearnerEntity, LearnerHistoryEntity, PersonalDataAccessEntity } from './learner.entity';
import { PersonalDataKeys } from './personal-data';

export interface LearnerView extends Learner {
  certified: boolean;
}

export interface HistoryInput {
  learnerId: string;
  changedBy: string;
  reason: string;
  before: object;
  after: object;
}

export interface LearnerFilter {
  /** Codes of the unit asked for and every unit below it. */
  unitCodes?: string[];
  group?: TargetGroup;
  certified?: boolean;
  ageBand?: AgeBand;
  source?: LearnerSource;
  /** Today in Vietnam: the day ages are taken on. */
  today: string;
  registeredBy?: string;
  householdId?: string;
}

export type AccessAction = 'read' | 'search' | 'reveal' | 'export' | 'erase' | 'correct';

export interface AccessRecord {
  learnerId: string;
  actorSub: string;
  actorRoles: string[];
  action: AccessAction;
  reason: string | null;
}

export interface HistoryEntry {
  changedBy: string;
  reason: string;
  changedAt: Date;
  before: object;
  after: object;
}

export interface AccessLogEntry {
  actorSub: string;
  action: string;
  reason: string | null;
  accessedAt: Date;
}

const CERTIFIED = `EXISTS (SELECT 1 FROM learner_certification c WHERE c.learner_key = l.learner_key
  AND c.issued_at <= now() AND (c.revoked_at IS NULL OR c.revoked_at > now()))`;

type LearnerRow = LearnerEntity & { certified: boolean };

/** The only code that knows the learner, history and access tables. */
@Injectable()
export class LearnerRepository {
  private readonly learners: EntityTable<LearnerEntity>;
  private readonly learnerCopy: EntityCopy<LearnerEntity>;
  private readonly histories: EntityTable<LearnerHistoryEntity>;
  private readonly accesses: EntityTable<PersonalDataAccessEntity>;

  constructor(
    private readonly db: Database,
    private readonly keys: PersonalDataKeys,
  ) {
    this.learners = EntityTable.of(db.dataSource, LearnerEntity);
    this.learnerCopy = EntityCopy.of(db.dataSource, LearnerEntity);
    this.histories = EntityTable.of(db.dataSource, LearnerHistoryEntity);
    this.accesses = EntityTable.of(db.dataSource, PersonalDataAccessEntity);
  }

  private get columns(): string {
    return `${this.learners.select('l')}, ${CERTIFIED} AS certified`;
  }

  /** Inserts the learners whose learner key is new (citizen ID and name sealed here); returns the ids inserted. */
  async insertMany(tx: EntityManager, learners: readonly Learner[]): Promise<Set<string>> {
    const inserted = await this.learners.insertMany(
      tx,
      learners.map((l) => this.toRow(l, null)),
      { onConflict: '(learner_key) DO NOTHING', returning: 'id' },
    );
    return new Set(inserted);
  }

  /** insertMany for a bulk import's batch, through COPY; `importId` marks the rows as this import's. */
  async insertImported(
    tx: EntityManager,
    learners: readonly Learner[],
    importId: string,
  ): Promise<Set<string>> {
    const inserted = await this.learnerCopy.insertMany(
      tx,
      learners.map((l) => this.toRow(l, importId)),
      { onConflict: '(learner_key) DO NOTHING', returning: 'id' },
    );
    return new Set(inserted);
  }

  /** The learners already registered under these learner keys, with the import that registered them. */
  async findByKeys(
    tx: EntityManager,
    learnerKeys: string[],
  ): Promise<Map<string, { id: string; importId: string | null }>> {
    if (learnerKeys.length === 0) return new Map();
    const rows: LearnerEntity[] = await tx.query(
      `SELECT ${this.learners.select('l')} FROM learner l WHERE l.learner_key = ANY($1)`,
      [learnerKeys],
    );
    return new Map(rows.map((r) => [r.learnerKey, { id: r.id, importId: r.importId }]));
  }

  /** The records VNeID made known that await an officer's registration, by learner key, locked. */
  async awaitingCompletion(tx: EntityManager, learnerKeys: string[]): Promise<Map<string, LearnerView>> {
    if (learnerKeys.length === 0) return new Map();
    const rows: LearnerRow[] = await tx.query(
      `SELECT ${this.columns} FROM learner l
        WHERE l.learner_key = ANY($1) AND l.source = 'VNEID' AND l.completed_at IS NULL FOR UPDATE`,
      [learnerKeys],
    );
    return new Map(rows.map((r) => [r.learnerKey, this.toDomain(r)]));
  }

  async findById(tx: EntityManager, id: string, lock = false): Promise<LearnerView | null> {
    const rows: LearnerRow[] = await tx.query(
      `SELECT ${this.columns} FROM learner l WHERE l.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows.length ? this.toDomain(rows[0]) : null;
  }

  async search(
    filter: LearnerFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: LearnerView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.unitCodes) {
      const codes = param(filter.unitCodes);
      where.push(`(l.unit_code = ANY(${codes}) OR l.village_code = ANY(${codes}))`);
    }
    if (filter.group) where.push(`${param(filter.group)} = ANY(l.groups)`);
    if (filter.certified !== undefined) where.push(filter.certified ? CERTIFIED : `NOT ${CERTIFIED}`);
    if (filter.registeredBy) where.push(`l.registered_by = ${param(filter.registeredBy)}`);
    if (filter.source) where.push(`l.source = ${param(filter.source)}`);
    if (filter.householdId) where.push(`l.household_id = ${param(filter.householdId)}`);
    if (filter.ageBand) {
      const { from, to } = birthDatesOfAgeBand(filter.ageBand, filter.today);
      // An erased learner keeps only the birth year: taken as born on 31 December.
      const born = `COALESCE(l.date_of_birth, make_date(l.birth_year, 12, 31))`;
      if (to) where.push(`${born} <= ${param(to)}::date`);
      if (from) where.push(`${born} >= ${param(from)}::date`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: string }[] = await this.db.manager.query(
      `SELECT count(*) AS total FROM learner l ${clause}`,
      params,
    );
    const rows: LearnerRow[] = await this.db.manager.query(
      `SELECT ${this.columns} FROM learner l ${clause} ORDER BY l.id LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return { items: rows.map((r) => this.toDomain(r)), total: Number(total) };
  }

  /** The members of a household, ordered by id. */
  async findByHousehold(householdId: string): Promise<LearnerView[]> {
    const rows: LearnerRow[] = await this.db.manager.query(
      `SELECT ${this.columns} FROM learner l WHERE l.household_id = $1 ORDER BY l.id`,
      [householdId],
    );
    return rows.map((r) => this.toDomain(r));
  }

  /** Writes the learner's current fields (sealing personal data again, with the current key). */
  async update(tx: EntityManager, l: Learner): Promise<void> {
    await this.updateMany(tx, [l]);
  }

  /** `update` for many learners in one statement. Key, id, source and registration time never change. */
  async updateMany(tx: EntityManager, learners: readonly Learner[]): Promise<void> {
    await this.learners.updateMany(
      tx,
      learners.map((l) => {
        const {
          learnerKey: _key,
          importId: _import,
          registeredAt: _at,
          source: _source,
          ...row
        } = this.toRow(l, null);
        return row;
      }),
      'id',
    );
  }

  /**
   * Seals again, with the current key, up to `limit` learners sealed with another key; returns how many
   * it did and how many remain. Rows are locked and skipped if busy, so it can run beside live traffic.
   */
  async resealBatch(tx: EntityManager, limit: number): Promise<{ resealed: number; remaining: number }> {
    const current = this.keys.ring.currentKeyId;
    const rows: LearnerEntity[] = await tx.query(
      `SELECT ${this.learners.select('l')} FROM learner l
       WHERE l.pii_key_id IS NOT NULL AND l.pii_key_id <> $1 ORDER BY l.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [current, limit],
    );
    const resealed = rows.map((r) => {
      const reseal = (sealed: string, field: string) =>
        this.keys.ring.seal(
          this.keys.ring.open(sealed, r.piiKeyId ?? '', `${r.id}:${field}`),
          `${r.id}:${field}`,
        );
      const citizenId = reseal(r.citizenIdSealed ?? '', 'citizenId');
      return {
        id: r.id,
        citizenId: citizenId.sealed,
        fullName: reseal(r.fullNameSealed ?? '', 'fullName').sealed,
      };
    });
    if (resealed.length > 0) {
      await tx.query(
        `UPDATE learner l SET citizen_id_sealed = r.citizen_id, full_name_sealed = r.full_name, pii_key_id = $4
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(id, citizen_id, full_name) WHERE l.id = r.id`,
        [
          resealed.map((r) => r.id),
          resealed.map((r) => r.citizenId),
          resealed.map((r) => r.fullName),
          current,
        ],
      );
    }
    const [{ n }]: { n: string }[] = await tx.query(
      'SELECT count(*) AS n FROM learner WHERE pii_key_id IS NOT NULL AND pii_key_id <> $1',
      [current],
    );
    return { resealed: rows.length, remaining: Number(n) };
  }

  async recordHistory(tx: EntityManager, ...entries: HistoryInput[]): Promise<void> {
    await this.histories.insertMany(tx, entries);
  }

  async history(learnerId: string): Promise<HistoryEntry[]> {
    const rows: LearnerHistoryEntity[] = await this.db.manager.query(
      `SELECT ${this.histories.select('h')} FROM learner_history h WHERE h.learner_id = $1 ORDER BY h.id`,
      [learnerId],
    );
    return rows.map((r) => ({
      changedBy: r.changedBy,
      reason: r.reason,
      changedAt: r.changedAt,
      before: r.before,
      after: r.after,
    }));
  }

  async recordAccess(tx: EntityManager, records: readonly AccessRecord[]): Promise<void> {
    await this.accesses.insertMany(tx, records);
  }

  async accessLog(learnerId: string): Promise<AccessLogEntry[]> {
    const rows: PersonalDataAccessEntity[] = await this.db.manager.query(
      `SELECT ${this.accesses.select('a')} FROM personal_data_access a WHERE a.learner_id = $1 ORDER BY a.id`,
      [learnerId],
    );
    return rows.map((r) => ({
      actorSub: r.actorSub,
      action: r.action,
      reason: r.reason,
      accessedAt: r.accessedAt,
    }));
  }

  private toRow(l: Learner, importId: string | null): LearnerEntity {
    const citizenId = l.citizenId === null ? null : this.keys.ring.seal(l.citizenId, `${l.id}:citizenId`);
    const fullName = l.fullName === null ? null : this.keys.ring.seal(l.fullName, `${l.id}:fullName`);
    return {
      id: l.id,
      learnerKey: l.learnerKey,
      citizenIdSealed: citizenId?.sealed ?? null,
      fullNameSealed: fullName?.sealed ?? null,
      piiKeyId: citizenId?.keyId ?? null,
      dateOfBirth: l.dateOfBirth,
      birthYear: l.birthYear,
      sex: l.sex,
      ethnicity: l.ethnicity,
      disability: l.disability,
      poorHousehold: l.poorHousehold,
      unitCode: l.unitCode,
      villageCode: l.villageCode,
      householdId: l.householdId,
      groups: l.groups,
      studentLevel: l.studentLevel,
      employer: l.employer,
      school: l.school,
      vneidStatus: l.vneidStatus,
      digitalBankAccount: l.digitalBankAccount,
      registeredBy: l.registeredBy,
      importId,
      registeredAt: l.registeredAt,
      updatedAt: l.updatedAt,
      erasedAt: l.erasedAt,
      source: l.source,
      completedAt: l.completedAt,
    };
  }

  private toDomain(r: LearnerRow): LearnerView {
    const open = (sealed: string | null, field: string) =>
      sealed === null || r.piiKeyId === null
        ? null
        : this.keys.ring.open(sealed, r.piiKeyId, `${r.id}:${field}`);
    return {
      id: r.id,
      learnerKey: r.learnerKey,
      citizenId: open(r.citizenIdSealed, 'citizenId'),
      fullName: open(r.fullNameSealed, 'fullName'),
      dateOfBirth: r.dateOfBirth,
      birthYear: r.birthYear,
      sex: r.sex as Learner['sex'],
      ethnicity: r.ethnicity,
      disability: r.disability,
      poorHousehold: r.poorHousehold,
      unitCode: r.unitCode,
      villageCode: r.villageCode,
      householdId: r.householdId,
      groups: r.groups as TargetGroup[],
      studentLevel: r.studentLevel as Learner['studentLevel'],
      employer: r.employer,
      school: r.school,
      vneidStatus: r.vneidStatus as Learner['vneidStatus'],
      digitalBankAccount: r.digitalBankAccount,
      registeredBy: r.registeredBy,
      registeredAt: r.registeredAt,
      updatedAt: r.updatedAt,
      erasedAt: r.erasedAt,
      source: r.source as Learner['source'],
      completedAt: r.completedAt,
      certified: r.certified,
    };
  }
}
