import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable } from '@bdhvs/service-runtime';
import { Course } from './domain/course';
import { CourseEntity } from './course.entity';

export interface CourseFilter {
  group?: string;
  mode?: string;
  language?: string;
  status?: string;
  competency?: string;
}

/** The only code that knows the course table. */
@Injectable()
export class CourseRepository {
  private readonly courses: EntityTable<CourseEntity>;
  /** Published courses never change: every progress report reads them from here after the first. */
  private readonly published = new Map<string, Course>();

  constructor(private readonly db: Database) {
    this.courses = EntityTable.of(db.dataSource, CourseEntity);
  }

  /** Inserts a new course; false when its code or activityId is taken. */
  async insert(tx: EntityManager, course: Course): Promise<boolean> {
    const inserted = await this.courses.insertMany(tx, [course], {
      onConflict: 'DO NOTHING',
      returning: 'id',
    });
    return inserted.length === 1;
  }

  async findTaken(manager: EntityManager, code: string, activityId: string | null): Promise<Course | null> {
    const [row] = await manager.query(
      `SELECT ${this.courses.select('c')} FROM course c WHERE c.code = $1 OR c.activity_id = $2 ORDER BY c.code = $1 DESC LIMIT 1`,
      [code, activityId],
    );
    return (row as Course | undefined) ?? null;
  }

  /** The courses among these ids, by id: published ones from memory, the rest in one query. */
  async findByIds(manager: EntityManager, ids: readonly string[]): Promise<Map<string, Course>> {
    const found = new Map<string, Course>();
    const missing = [...new Set(ids)].filter((id) => {
      const course = this.published.get(id);
      if (course) found.set(id, course);
      return !course;
    });
    if (missing.length > 0) {
      const rows: Course[] = await manager.query(
        `SELECT ${this.courses.select('c')} FROM course c WHERE c.id = ANY($1::uuid[])`,
        [missing],
      );
      for (const course of rows) {
        found.set(course.id, course);
        if (course.status === 'PUBLISHED') this.published.set(course.id, course);
      }
    }
    return found;
  }

  /** Published courses whose xAPI activity id is one of these, in one query. */
  async findPublishedByActivityIds(
    manager: EntityManager,
    activityIds: readonly string[],
  ): Promise<Course[]> {
    if (activityIds.length === 0) return [];
    return manager.query(
      `SELECT ${this.courses.select('c')} FROM course c WHERE c.activity_id = ANY($1::text[]) AND c.status = 'PUBLISHED'`,
      [[...new Set(activityIds)]],
    );
  }

  async findById(id: string): Promise<Course | null> {
    return (await this.findByIds(this.db.manager, [id])).get(id) ?? null;
  }

  /** The course, locked until the transaction ends: two publications of it go one at a time. */
  async lock(tx: EntityManager, id: string): Promise<Course | null> {
    const [row] = await tx.query(
      `SELECT ${this.courses.select('c')} FROM course c WHERE c.id = $1 FOR UPDATE`,
      [id],
    );
    return (row as Course | undefined) ?? null;
  }

  async savePublication(tx: EntityManager, course: Course): Promise<void> {
    await tx.query(`UPDATE course SET status = $2, published_at = $3, programmes = $4::jsonb WHERE id = $1`, [
      course.id,
      course.status,
      course.publishedAt,
      JSON.stringify(course.programmes),
    ]);
  }

  async list(filter: CourseFilter): Promise<Course[]> {
    return this.db.manager.query(
      `SELECT ${this.courses.select('c')} FROM course c
        WHERE ($1::text IS NULL OR $1 = ANY(c.groups))
          AND ($2::text IS NULL OR c.mode = $2)
          AND ($3::text IS NULL OR c.language = $3)
          AND ($4::text IS NULL OR c.status = $4)
          AND ($5::text IS NULL OR $5 = ANY(c.competencies))
        ORDER BY c.code`,
      [
        filter.group ?? null,
        filter.mode ?? null,
        filter.language ?? null,
        filter.status ?? null,
        filter.competency ?? null,
      ],
    );
  }

  /** Every published course: what next steps choose from. */
  async listPublished(): Promise<Course[]> {
    return this.list({ status: 'PUBLISHED' });
  }
}
