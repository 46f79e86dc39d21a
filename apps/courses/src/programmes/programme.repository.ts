import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { Programme } from './domain/programme';
import { ProgrammeVersionEntity } from './programme.entity';

/** The only code that knows the programme tables. */
@Injectable()
export class ProgrammeRepository {
  private readonly versions: EntityTable<ProgrammeVersionEntity>;

  constructor(private readonly db: Database) {
    this.versions = EntityTable.of(db.dataSource, ProgrammeVersionEntity);
  }

  private get selectProgramme(): string {
    return `${this.versions.select('v')}, p.target_group AS "group", p.student_levels AS "studentLevels"`;
  }

  /** The current version of every programme, in code order. */
  async current(manager: EntityManager = this.db.manager): Promise<Programme[]> {
    return manager.query(
      `SELECT ${this.selectProgramme} FROM programme p
         JOIN programme_version v ON v.code = p.code AND v.version = p.current_version
        ORDER BY p.code`,
    );
  }

  /** One version (the current one without `version`), or null. */
  async find(code: string, version?: number): Promise<Programme | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.selectProgramme} FROM programme p
         JOIN programme_version v ON v.code = p.code AND v.version = coalesce($2, p.current_version)
        WHERE p.code = $1`,
      [code, version ?? null],
    );
    return (row as Programme | undefined) ?? null;
  }

  /** The current version, locked until the transaction ends: edits of one programme go one at a time. */
  async lockCurrent(tx: EntityManager, code: string): Promise<Programme | null> {
    const [row] = await tx.query(
      `SELECT ${this.selectProgramme} FROM programme p
         JOIN programme_version v ON v.code = p.code AND v.version = p.current_version
        WHERE p.code = $1 FOR UPDATE OF p`,
      [code],
    );
    return (row as Programme | undefined) ?? null;
  }

  async saveVersion(tx: EntityManager, programme: Programme): Promise<void> {
    await this.versions.insertMany(tx, [programme]);
    await tx.query('UPDATE programme SET current_version = $2 WHERE code = $1', [
      programme.code,
      programme.version,
    ]);
  }
}
