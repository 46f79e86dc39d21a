import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, EntityTable, lockKeys } from '@bdhvs/service-runtime';
import { DeskHelper, MenteeAssignment, Mentor } from './domain/ambassador';
import { DeskHelperEntity, MenteeAssignmentEntity, MentorEntity } from './ambassador.entity';

/** The only code that knows the mentor, mentee_assignment and desk_helper tables. */
@Injectable()
export class AmbassadorRepository {
  private readonly mentors: EntityTable<MentorEntity>;
  private readonly assignments: EntityTable<MenteeAssignmentEntity>;
  private readonly helpers: EntityTable<DeskHelperEntity>;

  constructor(private readonly db: Database) {
    this.mentors = EntityTable.of(db.dataSource, MentorEntity);
    this.assignments = EntityTable.of(db.dataSource, MenteeAssignmentEntity);
    this.helpers = EntityTable.of(db.dataSource, DeskHelperEntity);
  }

  /** Concurrent requests about the same learners are decided one after the other. */
  lock(tx: EntityManager, learnerIds: readonly string[]): Promise<void> {
    return lockKeys(tx, learnerIds);
  }

  async findMentor(manager: EntityManager, mentorId: string): Promise<Mentor | null> {
    const [row] = await manager.query(`SELECT ${this.mentors.select('m')} FROM mentor m WHERE m.id = $1`, [
      mentorId,
    ]);
    return (row as Mentor | undefined) ?? null;
  }

  async mentorOfLearner(tx: EntityManager, learnerId: string): Promise<Mentor | null> {
    const [row] = await tx.query(`SELECT ${this.mentors.select('m')} FROM mentor m WHERE m.learner_id = $1`, [
      learnerId,
    ]);
    return (row as Mentor | undefined) ?? null;
  }

  async insertMentor(tx: EntityManager, mentor: Mentor): Promise<void> {
    await this.mentors.insertMany(tx, [mentor]);
  }

  async assignmentOf(tx: EntityManager, learnerId: string): Promise<MenteeAssignment | null> {
    const [row] = await tx.query(
      `SELECT ${this.assignments.select('a')} FROM mentee_assignment a
        WHERE a.learner_id = $1 AND a.ended_at IS NULL`,
      [learnerId],
    );
    return (row as MenteeAssignment | undefined) ?? null;
  }

  async insertAssignment(tx: EntityManager, assignment: MenteeAssignment): Promise<void> {
    await this.assignments.insertMany(tx, [assignment]);
  }

  async endAssignment(tx: EntityManager, ended: MenteeAssignment): Promise<void> {
    await tx.query('UPDATE mentee_assignment SET ended_by = $2, ended_at = $3 WHERE id = $1', [
      ended.id,
      ended.endedBy,
      ended.endedAt,
    ]);
  }

  /** The mentees a mentor guides now (at most 1,000, as getMentor documents); those reassigned are history. */
  async menteesOf(mentorId: string): Promise<MenteeAssignment[]> {
    return this.db.manager.query(
      `SELECT ${this.assignments.select('a')} FROM mentee_assignment a
        WHERE a.mentor_id = $1 AND a.ended_at IS NULL
        ORDER BY a.assigned_at, a.learner_id LIMIT 1000`,
      [mentorId],
    );
  }

  /** The mentees a mentor guided before they changed mentor, latest first; the latest 1,000. */
  async formerMenteesOf(mentorId: string): Promise<MenteeAssignment[]> {
    return this.db.manager.query(
      `SELECT ${this.assignments.select('a')} FROM mentee_assignment a
        WHERE a.mentor_id = $1 AND a.ended_at IS NOT NULL
        ORDER BY a.ended_at DESC, a.learner_id LIMIT 1000`,
      [mentorId],
    );
  }

  async findHelper(tx: EntityManager, learnerId: string, unitCode: string): Promise<DeskHelper | null> {
    const [row] = await tx.query(
      `SELECT ${this.helpers.select('h')} FROM desk_helper h WHERE h.learner_id = $1 AND h.unit_code = $2`,
      [learnerId, unitCode],
    );
    return (row as DeskHelper | undefined) ?? null;
  }

  async insertHelper(tx: EntityManager, helper: DeskHelper): Promise<void> {
    await this.helpers.insertMany(tx, [helper]);
  }
}
