import type { EntityManager } from 'typeorm';
import type { OutgoingEvent } from '@bdhvs/messaging';
import type { Database } from '@bdhvs/service-runtime';
import type { CourseRepository } from '../catalogue/course.repository';
import type { Course } from '../catalogue/domain/course';
import type { CoursesConfig } from '../config/courses-config';
import type { CourseLearner } from '../registry/domain/course-learner';
import type { RegistryRepository } from '../registry/registry.repository';
import { Enrolment } from './domain/enrolment';
import type { EnrolmentRepository, PendingIntake } from './enrolment.repository';
import { RecordProgressService } from './record-progress.service';

const T0 = new Date('2025-10-01T00:00:00Z');
const COURSE = {
  id: 'c1',
  code: 'LC-01',
  groups: ['CITIZEN'],
  competencies: ['BASIC-VNEID'],
  modules: [{ code: 'M1', title: 'a', required: true, competencies: ['BASIC-VNEID'] }],
  completion: { rule: 'ALL_REQUIRED_MODULES', passingScore: null },
  status: 'PUBLISHED',
  programmes: [],
} as unknown as Course;
const learner = (learnerId: string) =>
  ({ learnerId, learnerKey: 'a'.repeat(64), unitCode: '03388', groups: ['CITIZEN'] }) as CourseLearner;

/** In-memory stand-ins for the tables the service writes through its repositories. */
function world() {
  const known = new Set(['l1']);
  const enrolments: Enrolment[] = [];
  const waiting: PendingIntake[] = [];
  const published: OutgoingEvent<Record<string, unknown>>[] = [];
  let transactions = 0;
  const db = {
    transaction: async <T>(work: (tx: EntityManager) => Promise<T>) => {
      transactions++;
      return work({} as EntityManager);
    },
  };
  const registry = {
    lockLearners: async () => undefined,
    findLearners: async (_tx: EntityManager, ids: string[]) =>
      new Map(ids.filter((id) => known.has(id)).map((id) => [id, learner(id)])),
  };
  const courses = { findByIds: async () => new Map([[COURSE.id, COURSE]]) };
  const repository = {
    findPairs: async () => enrolments.map((e) => ({ ...e })),
    save: async (_tx: EntityManager, changed: Enrolment[]) => {
      for (const e of changed) {
        const i = enrolments.findIndex((x) => x.learnerId === e.learnerId && x.courseId === e.courseId);
        if (i >= 0) enrolments[i] = e;
        else enrolments.push(e);
      }
    },
    keep: async (_tx: EntityManager, rows: PendingIntake[]) => void waiting.push(...rows),
    waitingFor: async (_tx: EntityManager, ids: string[]) => waiting.filter((w) => ids.includes(w.learnerId)),
    drop: async (_tx: EntityManager, ids: string[]) => {
      for (const id of ids)
        waiting.splice(
          waiting.findIndex((w) => w.id === id),
          1,
        );
    },
  };
  const outbox = {
    enqueueAll: async (_tx: EntityManager, events: OutgoingEvent<Record<string, unknown>>[]) =>
      published.push(...events),
  };
  const sut = new RecordProgressService(
    db as unknown as Database,
    repository as unknown as EnrolmentRepository,
    registry as unknown as RegistryRepository,
    courses as unknown as CourseRepository,
    outbox as never,
    { COURSES_PROGRESS_GROUP_COMMIT_MS: 5 } as CoursesConfig,
  );
  return { sut, known, enrolments, waiting, published, transactions: () => transactions };
}

describe(RecordProgressService.name, () => {
  it('applies concurrent reports in one transaction; a refused one fails alone, an unknown learner waits', async () => {
    const w = world();
    const [ok, refused, pending] = await Promise.allSettled([
      w.sut.record('mooc', { learnerId: 'l1', courseId: 'c1', progressPercent: 60 }, T0),
      w.sut.record('mooc', { learnerId: 'l1', courseId: 'c1', progressPercent: 70, moduleCode: 'M9' }, T0),
      w.sut.record('mooc', { learnerId: 'l2', courseId: 'c1', progressPercent: 40 }, T0),
    ]);
    expect(w.transactions()).toBe(1);
    expect(ok).toMatchObject({
      status: 'fulfilled',
      value: { kind: 'applied', created: true, enrolment: { progressPercent: 60 } },
    });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'unknown-module' } });
    expect(pending).toMatchObject({
      status: 'fulfilled',
      value: { kind: 'pending', pending: { learnerId: 'l2', reportedBy: 'mooc' } },
    });
    expect(w.enrolments.map((e) => [e.learnerId, e.progressPercent])).toEqual([['l1', 60]]);
    expect(w.published.map((e) => [e.topic, e.key, e.data['milestone'] ?? null])).toEqual([
      ['courses.enrolment-recorded.v1', 'l1', null],
      ['courses.progress-recorded.v1', 'l1', 50],
    ]);
  });

  it('applies what waited once the learner is known, and completes the course once', async () => {
    const w = world();
    await w.sut.record(
      'mooc',
      { learnerId: 'l2', courseId: 'c1', progressPercent: 10, moduleCode: 'M1' },
      T0,
    );
    await w.sut.record('mooc', { learnerId: 'l2', courseId: 'c1', progressPercent: 100 }, T0);
    expect(w.waiting).toHaveLength(2);
    w.known.add('l2');
    await w.sut.applyWaiting({} as EntityManager, ['l2'], T0);
    expect(w.waiting).toHaveLength(0);
    expect(w.enrolments).toEqual([
      expect.objectContaining({ learnerId: 'l2', progressPercent: 100, completedAt: T0 }),
    ]);
    await w.sut.record(
      'mooc',
      { learnerId: 'l2', courseId: 'c1', progressPercent: 100, moduleCode: 'M1' },
      T0,
    );
    expect(w.published.filter((e) => e.topic === 'courses.course-completed.v1')).toHaveLength(1);
  });
});
