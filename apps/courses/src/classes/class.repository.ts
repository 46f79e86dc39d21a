import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { CommunityClass } from './domain/community-class';
import { ClassAttendanceEntity, ClassSessionEntity, CommunityClassEntity } from './class.entity';

/** The only code that knows the class tables. */
@Injectable()
export class ClassRepository {
  private readonly classes: EntityTable<CommunityClassEntity>;
  private readonly sessions: EntityTable<ClassSessionEntity>;
  private readonly attendance: EntityTable<ClassAttendanceEntity>;

  constructor(private readonly db: Database) {
    this.classes = EntityTable.of(db.dataSource, CommunityClassEntity);
    this.sessions = EntityTable.of(db.dataSource, ClassSessionEntity);
    this.attendance = EntityTable.of(db.dataSource, ClassAttendanceEntity);
  }

  async insert(tx: EntityManager, cls: CommunityClass): Promise<void> {
    await this.classes.insertMany(tx, [cls]);
  }

  async find(classId: string): Promise<CommunityClass | null> {
    const [row] = await this.db.manager.query(
      `SELECT ${this.classes.select('c')} FROM community_class c WHERE c.id = $1`,
      [classId],
    );
    return (row as CommunityClass | undefined) ?? null;
  }

  /** Classes of some units (all without units), optionally of one course, newest first. */
  async list(filter: { unitCodes?: string[]; courseId?: string; limit: number }): Promise<CommunityClass[]> {
    return this.db.manager.query(
      `SELECT ${this.classes.select('c')} FROM community_class c
        WHERE ($1::text[] IS NULL OR c.unit_code = ANY($1)) AND ($2::uuid IS NULL OR c.course_id = $2)
        ORDER BY c.created_at DESC, c.id LIMIT $3`,
      [filter.unitCodes ?? null, filter.courseId ?? null, filter.limit],
    );
  }

  /** Classes of a commune for some courses: the in-person options a learner there has. */
  async ofUnit(unitCode: string): Promise<CommunityClass[]> {
    return this.list({ unitCodes: [unitCode], limit: 1000 });
  }

  /** Marks the session held; true when this call is the first to record it. */
  async holdSession(tx: EntityManager, session: ClassSessionEntity): Promise<boolean> {
    const inserted = await this.sessions.insertMany(tx, [session], {
      onConflict: '(class_id, session_date) DO NOTHING',
      returning: 'classId',
    });
    return inserted.length === 1;
  }

  /** Records who was present; returns the learners not recorded for the session before. */
  async recordPresent(tx: EntityManager, rows: ClassAttendanceEntity[]): Promise<string[]> {
    return this.attendance.insertMany(tx, rows, {
      onConflict: '(class_id, session_date, learner_id) DO NOTHING',
      returning: 'learnerId',
    });
  }

  async attendeeCount(tx: EntityManager, classId: string, sessionDate: string): Promise<number> {
    const [row] = await tx.query(
      'SELECT count(*)::int AS n FROM class_attendance WHERE class_id = $1 AND session_date = $2',
      [classId, sessionDate],
    );
    return row.n as number;
  }

  /** The session numbers each of these learners attended in the class, in one query. */
  async attendedBy(
    tx: EntityManager,
    classId: string,
    learnerIds: string[],
  ): Promise<Map<string, Set<number>>> {
    const rows: { learnerId: string; sessions: number[] }[] = await tx.query(
      `SELECT learner_id AS "learnerId", array_agg(session_number) AS sessions FROM class_attendance
        WHERE class_id = $1 AND learner_id = ANY($2::uuid[]) GROUP BY learner_id`,
      [classId, learnerIds],
    );
    return new Map(rows.map((r) => [r.learnerId, new Set(r.sessions)]));
  }
}
