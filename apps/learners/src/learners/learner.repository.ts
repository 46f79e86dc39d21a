import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '@bdhvs/service-runtime';
import { AgeBand, Learner, TargetGroup, birthDatesOfAgeBand } from './domain/learner';
import { Household } from './domain/household';
import { PersonalDataKeys } from './personal-data';

export interface LearnerView extends Learner {
  certified: boolean;
}

export interface LearnerFilter {
  /** Codes of the unit asked for and every unit below it. */
  unitCodes?: string[];
  group?: TargetGroup;
  certified?: boolean;
  ageBand?: AgeBand;
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

const CERTIFIED = `EXISTS (SELECT 1 FROM learner_certification c WHERE c.learner_key = l.learner_key
  AND c.issued_at <= now() AND (c.revoked_at IS NULL OR c.revoked_at > now()))`;
const COLUMNS = `l.id, l.learner_key, l.citizen_id_sealed, l.full_name_sealed, l.pii_key_id, to_char(l.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
  l.birth_year, l.sex, l.ethnicity, l.disability, l.poor_household, l.unit_code, l.village_code, l.household_id, l.groups,
  l.student_level, l.employer, l.school, l.vneid_status, l.digital_bank_account, l.registered_by, l.registered_at,
  l.updated_at, l.erased_at, ${CERTIFIED} AS certified`;
const INSERT_COLUMNS = [
  'id',
  'learner_key',
  'citizen_id_sealed',
  'full_name_sealed',
  'pii_key_id',
  'date_of_birth',
  'birth_year',
  'sex',
  'ethnicity',
  'disability',
  'poor_household',
  'unit_code',
  'village_code',
  'household_id',
  'groups',
  'student_level',
  'employer',
  'school',
  'vneid_status',
  'digital_bank_account',
  'registered_by',
  'import_id',
  'registered_at',
  'updated_at',
] as const;
const INSERT_TYPES: Record<(typeof INSERT_COLUMNS)[number], string> = {
  id: 'uuid',
  learner_key: 'text',
  citizen_id_sealed: 'text',
  full_name_sealed: 'text',
  pii_key_id: 'text',
  date_of_birth: 'date',
  birth_year: 'int',
  sex: 'text',
  ethnicity: 'text',
  disability: 'bool',
  poor_household: 'bool',
  unit_code: 'text',
  village_code: 'text',
  household_id: 'uuid',
  groups: 'text',
  student_level: 'text',
  employer: 'text',
  school: 'text',
  vneid_status: 'text',
  digital_bank_account: 'bool',
  registered_by: 'text',
  import_id: 'uuid',
  registered_at: 'timestamptz',
  updated_at: 'timestamptz',
};

interface LearnerRow {
  id: string;
  learner_key: string;
  citizen_id_sealed: string | null;
  full_name_sealed: string | null;
  pii_key_id: string | null;
  date_of_birth: string | null;
  birth_year: number;
  sex: Learner['sex'];
  ethnicity: string | null;
  disability: boolean | null;
  poor_household: boolean | null;
  unit_code: string;
  village_code: string | null;
  household_id: string | null;
  groups: TargetGroup[];
  student_level: Learner['studentLevel'];
  employer: string | null;
  school: string | null;
  vneid_status: Learner['vneidStatus'];
  digital_bank_account: boolean;
  registered_by: string;
  registered_at: Date;
  updated_at: Date;
  erased_at: Date | null;
  certified: boolean;
}

/** The only code that knows the learner, household, history and access tables. */
@Injectable()
export class LearnerRepository {
  constructor(
    private readonly db: Database,
    private readonly keys: PersonalDataKeys,
  ) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /**
   * Inserts the learners whose learner key is new; returns the ids inserted. Citizen ID and name are sealed
   * here. One array parameter per column (unnest), so a batch of any size is one short statement.
   */
  async insertMany(
    tx: EntityManager,
    learners: readonly Learner[],
    importId: string | null = null,
  ): Promise<Set<string>> {
    if (learners.length === 0) return new Set();
    const columns: unknown[][] = INSERT_COLUMNS.map(() => []);
    for (const l of learners) {
      const citizenId = this.keys.ring.seal(l.citizenId ?? '', `${l.id}:citizenId`);
      const fullName = this.keys.ring.seal(l.fullName ?? '', `${l.id}:fullName`);
      const row = [
        l.id,
        l.learnerKey,
        citizenId.sealed,
        fullName.sealed,
        citizenId.keyId,
        l.dateOfBirth,
        l.birthYear,
        l.sex,
        l.ethnicity,
        l.disability,
        l.poorHousehold,
        l.unitCode,
        l.villageCode,
        l.householdId,
        l.groups.join(';'),
        l.studentLevel,
        l.employer,
        l.school,
        l.vneidStatus,
        l.digitalBankAccount,
        l.registeredBy,
        importId,
        l.registeredAt,
        l.updatedAt,
      ];
      row.forEach((value, i) => columns[i].push(value));
    }
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO learner (${INSERT_COLUMNS.join(', ')})
       SELECT id, learner_key, citizen_id_sealed, full_name_sealed, pii_key_id, date_of_birth, birth_year, sex, ethnicity,
              disability, poor_household, unit_code, village_code, household_id, string_to_array(groups, ';'), student_level,
              employer, school, vneid_status, digital_bank_account, registered_by, import_id, registered_at, updated_at
       FROM unnest(${INSERT_COLUMNS.map((c, i) => `$${i + 1}::${INSERT_TYPES[c]}[]`).join(', ')})
         AS t(${INSERT_COLUMNS.join(', ')})
       ON CONFLICT (learner_key) DO NOTHING RETURNING id`,
      columns,
    );
    return new Set(inserted.map((r) => r.id));
  }

  /** The learners already registered under these learner keys, with whether this import registered them. */
  async findByKeys(
    tx: EntityManager,
    learnerKeys: string[],
  ): Promise<Map<string, { id: string; importId: string | null }>> {
    if (learnerKeys.length === 0) return new Map();
    const rows: { id: string; learner_key: string; import_id: string | null }[] = await tx.query(
      'SELECT id, learner_key, import_id FROM learner WHERE learner_key = ANY($1)',
      [learnerKeys],
    );
    return new Map(rows.map((r) => [r.learner_key, { id: r.id, importId: r.import_id }]));
  }

  async findById(tx: EntityManager, id: string, lock = false): Promise<LearnerView | null> {
    const rows: LearnerRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM learner l WHERE l.id = $1${lock ? ' FOR UPDATE' : ''}`,
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
      `SELECT ${COLUMNS} FROM learner l ${clause} ORDER BY l.id LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return { items: rows.map((r) => this.toDomain(r)), total: Number(total) };
  }

  /** Writes the learner's current fields (sealing personal data again, with the current key). */
  async update(tx: EntityManager, l: Learner): Promise<void> {
    const citizenId = l.citizenId === null ? null : this.keys.ring.seal(l.citizenId, `${l.id}:citizenId`);
    const fullName = l.fullName === null ? null : this.keys.ring.seal(l.fullName, `${l.id}:fullName`);
    await tx.query(
      `UPDATE learner SET citizen_id_sealed = $2, full_name_sealed = $3, pii_key_id = $4, date_of_birth = $5, birth_year = $6,
         sex = $7, ethnicity = $8, disability = $9, poor_household = $10, unit_code = $11, village_code = $12, household_id = $13,
         groups = $14, student_level = $15, employer = $16, school = $17, vneid_status = $18, digital_bank_account = $19,
         updated_at = $20, erased_at = $21
       WHERE id = $1`,
      [
        l.id,
        citizenId?.sealed ?? null,
        fullName?.sealed ?? null,
        citizenId?.keyId ?? null,
        l.dateOfBirth,
        l.birthYear,
        l.sex,
        l.ethnicity,
        l.disability,
        l.poorHousehold,
        l.unitCode,
        l.villageCode,
        l.householdId,
        l.groups,
        l.studentLevel,
        l.employer,
        l.school,
        l.vneidStatus,
        l.digitalBankAccount,
        l.updatedAt,
        l.erasedAt,
      ],
    );
  }

  /**
   * Seals again, with the current key, up to `limit` learners sealed with another key; returns how many
   * it did and how many remain. Rows are locked and skipped if busy, so it can run beside live traffic.
   */
  async resealBatch(tx: EntityManager, limit: number): Promise<{ resealed: number; remaining: number }> {
    const current = this.keys.ring.currentKeyId;
    const rows: { id: string; citizen_id_sealed: string; full_name_sealed: string; pii_key_id: string }[] =
      await tx.query(
        `SELECT id, citizen_id_sealed, full_name_sealed, pii_key_id FROM learner
       WHERE pii_key_id IS NOT NULL AND pii_key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [current, limit],
      );
    for (const r of rows) {
      const citizenId = this.keys.ring.seal(
        this.keys.ring.open(r.citizen_id_sealed, r.pii_key_id, `${r.id}:citizenId`),
        `${r.id}:citizenId`,
      );
      const fullName = this.keys.ring.seal(
        this.keys.ring.open(r.full_name_sealed, r.pii_key_id, `${r.id}:fullName`),
        `${r.id}:fullName`,
      );
      await tx.query(
        'UPDATE learner SET citizen_id_sealed = $2, full_name_sealed = $3, pii_key_id = $4 WHERE id = $1',
        [r.id, citizenId.sealed, fullName.sealed, citizenId.keyId],
      );
    }
    const [{ n }]: { n: string }[] = await tx.query(
      'SELECT count(*) AS n FROM learner WHERE pii_key_id IS NOT NULL AND pii_key_id <> $1',
      [current],
    );
    return { resealed: rows.length, remaining: Number(n) };
  }

  async recordHistory(
    tx: EntityManager,
    entry: { learnerId: string; changedBy: string; reason: string; before: object; after: object },
  ): Promise<void> {
    await tx.query(
      'INSERT INTO learner_history (learner_id, changed_by, reason, before, after) VALUES ($1, $2, $3, $4, $5)',
      [
        entry.learnerId,
        entry.changedBy,
        entry.reason,
        JSON.stringify(entry.before),
        JSON.stringify(entry.after),
      ],
    );
  }

  async history(
    learnerId: string,
  ): Promise<{ changedBy: string; reason: string; changedAt: Date; before: object; after: object }[]> {
    const rows: { changed_by: string; reason: string; changed_at: Date; before: object; after: object }[] =
      await this.db.manager.query(
        'SELECT changed_by, reason, changed_at, before, after FROM learner_history WHERE learner_id = $1 ORDER BY id',
        [learnerId],
      );
    return rows.map((r) => ({
      changedBy: r.changed_by,
      reason: r.reason,
      changedAt: r.changed_at,
      before: r.before,
      after: r.after,
    }));
  }

  async recordAccess(tx: EntityManager, records: readonly AccessRecord[]): Promise<void> {
    if (records.length === 0) return;
    const values: unknown[] = [];
    const rows = records.map((r, i) => {
      values.push(r.learnerId, r.actorSub, r.actorRoles, r.action, r.reason);
      return `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`;
    });
    await tx.query(
      `INSERT INTO personal_data_access (learner_id, actor_sub, actor_roles, action, reason) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  async accessLog(
    learnerId: string,
  ): Promise<{ actorSub: string; action: string; reason: string | null; accessedAt: Date }[]> {
    const rows: { actor_sub: string; action: string; reason: string | null; accessed_at: Date }[] =
      await this.db.manager.query(
        'SELECT actor_sub, action, reason, accessed_at FROM personal_data_access WHERE learner_id = $1 ORDER BY id',
        [learnerId],
      );
    return rows.map((r) => ({
      actorSub: r.actor_sub,
      action: r.action,
      reason: r.reason,
      accessedAt: r.accessed_at,
    }));
  }

  async insertHousehold(tx: EntityManager, h: Household): Promise<void> {
    await tx.query(
      'INSERT INTO household (id, unit_code, village_code, head_learner_id, registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [h.id, h.unitCode, h.villageCode, h.headLearnerId, h.registeredBy, h.registeredAt],
    );
  }

  async findHousehold(tx: EntityManager, id: string, lock = false): Promise<Household | null> {
    const rows: {
      id: string;
      unit_code: string;
      village_code: string | null;
      head_learner_id: string | null;
      registered_by: string;
      registered_at: Date;
    }[] = await tx.query(`SELECT * FROM household WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!rows.length) return null;
    const r = rows[0];
    return {
      id: r.id,
      unitCode: r.unit_code,
      villageCode: r.village_code,
      headLearnerId: r.head_learner_id,
      registeredBy: r.registered_by,
      registeredAt: r.registered_at,
    };
  }

  async existingHouseholds(tx: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await tx.query('SELECT id FROM household WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  async setHouseholdHead(tx: EntityManager, householdId: string, learnerId: string): Promise<void> {
    await tx.query('UPDATE household SET head_learner_id = $2 WHERE id = $1', [householdId, learnerId]);
  }

  async householdMembers(householdId: string): Promise<LearnerView[]> {
    const rows: LearnerRow[] = await this.db.manager.query(
      `SELECT ${COLUMNS} FROM learner l WHERE l.household_id = $1 ORDER BY l.id`,
      [householdId],
    );
    return rows.map((r) => this.toDomain(r));
  }

  private toDomain(r: LearnerRow): LearnerView {
    const open = (sealed: string | null, field: string) =>
      sealed === null || r.pii_key_id === null
        ? null
        : this.keys.ring.open(sealed, r.pii_key_id, `${r.id}:${field}`);
    return {
      id: r.id,
      learnerKey: r.learner_key,
      citizenId: open(r.citizen_id_sealed, 'citizenId'),
      fullName: open(r.full_name_sealed, 'fullName'),
      dateOfBirth: r.date_of_birth,
      birthYear: r.birth_year,
      sex: r.sex,
      ethnicity: r.ethnicity,
      disability: r.disability,
      poorHousehold: r.poor_household,
      unitCode: r.unit_code,
      villageCode: r.village_code,
      householdId: r.household_id,
      groups: r.groups,
      studentLevel: r.student_level,
      employer: r.employer,
      school: r.school,
      vneidStatus: r.vneid_status,
      digitalBankAccount: r.digital_bank_account,
      registeredBy: r.registered_by,
      registeredAt: r.registered_at,
      updatedAt: r.updated_at,
      erasedAt: r.erased_at,
      certified: r.certified,
    };
  }
}
