import type { Course } from '../../catalogue/domain/course';
import type { CourseLearner } from '../../registry/domain/course-learner';
import { Enrolment, ProgressFact, decideProgress, meetsCompletionRule, statusOf } from './enrolment';

const NOW = new Date('2025-10-10T03:00:00Z');
const COURSE: Course = {
  id: 'c1',
  code: 'LC-01',
  title: 'VNeID',
  groups: ['CITIZEN'],
  mode: 'BLENDED',
  language: 'vi',
  accessibility: [],
  competencies: ['BASIC-VNEID', 'BASIC-SMARTPHONE'],
  level: null,
  modules: [
    { code: 'M1', title: 'a', required: true, competencies: ['BASIC-SMARTPHONE'] },
    { code: 'M2', title: 'b', required: true, competencies: ['BASIC-VNEID'] },
    { code: 'M3', title: 'c', required: false, competencies: [] },
    { code: 'M4', title: 'd', required: false, competencies: [] },
  ],
  completion: { rule: 'ALL_REQUIRED_MODULES', passingScore: null },
  activityId: null,
  status: 'PUBLISHED',
  programmes: [],
  createdBy: 'admin',
  createdAt: NOW,
  publishedAt: NOW,
};
const LEARNER: CourseLearner = {
  learnerId: 'l1',
  learnerKey: 'k'.repeat(64),
  unitCode: '03388',
  groups: ['CITIZEN'],
  studentLevel: null,
  ethnicity: null,
  disability: null,
  dateOfBirth: null,
  birthYear: 1960,
  erased: false,
  registeredAt: NOW,
  changedAt: NOW,
};

function fact(over: Partial<ProgressFact> = {}): ProgressFact {
  return {
    learnerId: 'l1',
    courseId: 'c1',
    via: 'MOOC',
    enrolOnly: false,
    progressPercent: null,
    moduleCodes: [],
    score: null,
    at: NOW,
    atGiven: false,
    receivedAt: NOW,
    mayWait: true,
    ...over,
  };
}

describe('decideProgress', () => {
  let n = 0;
  const newId = () => `e${++n}`;
  const known = (enrolments: Enrolment[] = [], courses = [COURSE], learners = [LEARNER]) => ({
    courses: new Map(courses.map((c) => [c.id, c])),
    learners: new Map(learners.map((l) => [l.learnerId, l])),
    enrolments,
  });

  it('never lowers progress: a late lower figure changes nothing and is not an error', () => {
    const plan = decideProgress(
      [fact({ progressPercent: 60 }), fact({ progressPercent: 30 }), fact({ progressPercent: 60 })],
      known(),
      newId,
      NOW,
    );
    expect(plan.outcomes.map((o) => o.kind === 'applied' && o.enrolment.progressPercent)).toEqual([
      60, 60, 60,
    ]);
    expect(plan.changed).toHaveLength(1);
    expect(plan.changes.map((c) => c.kind)).toEqual(['enrolled', 'progressed']);
  });

  it('publishes each milestone once, the highest one passed by a change', () => {
    const plan = decideProgress(
      [fact({ progressPercent: 30 }), fact({ progressPercent: 80 }), fact({ progressPercent: 79 })],
      known(),
      newId,
      NOW,
    );
    expect(plan.changes.flatMap((c) => (c.kind === 'progressed' ? [c.milestone] : []))).toEqual([25, 75]);
  });

  it('completes when the required modules are done, once, at the business time of the fact that did it', () => {
    const at = new Date('2025-10-05T02:00:00Z');
    const plan = decideProgress(
      [
        fact({ moduleCodes: ['M2'], progressPercent: 10 }),
        fact({ moduleCodes: ['M1'], at, atGiven: true }),
        fact({ moduleCodes: ['M1', 'M2'], progressPercent: 100 }),
      ],
      known(),
      newId,
      NOW,
    );
    const completed = plan.changes.filter((c) => c.kind === 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0].enrolment).toMatchObject({
      completedAt: at,
      completedVia: 'MOOC',
      completedModules: ['M1', 'M2'],
    });
    // Two of four modules: half the course, whatever the MOOC said before.
    expect(completed[0].enrolment.progressPercent).toBe(50);
  });

  it('does not complete an enrolment completed before, whatever is re-sent', () => {
    const done: Enrolment = {
      id: 'e0',
      learnerId: 'l1',
      courseId: 'c1',
      enrolledVia: 'MOOC',
      enrolledAt: NOW,
      progressPercent: 100,
      completedModules: ['M1', 'M2'],
      bestScore: null,
      milestone: 100,
      completedAt: new Date('2025-09-01T00:00:00Z'),
      completedVia: 'MOOC',
      updatedAt: NOW,
    };
    const plan = decideProgress(
      [fact({ progressPercent: 100, moduleCodes: ['M1'] })],
      known([done]),
      newId,
      NOW,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.changed).toEqual([]);
  });

  it('completes a PASSING_SCORE course on the best score, not on progress', () => {
    const scored = { ...COURSE, completion: { rule: 'PASSING_SCORE' as const, passingScore: 80 } };
    const plan = decideProgress(
      [fact({ progressPercent: 100 }), fact({ score: 70 }), fact({ score: 85 }), fact({ score: 40 })],
      known([], [scored]),
      newId,
      NOW,
    );
    expect(plan.outcomes.map((o) => (o.kind === 'applied' ? statusOf(o.enrolment) : o.kind))).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'COMPLETED',
      'COMPLETED',
    ]);
    expect(plan.changed[0].bestScore).toBe(85);
  });

  it('keeps a fact about an unknown learner waiting, or refuses it when it may not wait', () => {
    const plan = decideProgress(
      [fact({ learnerId: 'nobody' }), fact({ learnerId: 'nobody', mayWait: false })],
      known(),
      newId,
      NOW,
    );
    expect(plan.outcomes.map((o) => o.kind)).toEqual(['pending', 'rejected']);
    expect(plan.waiting).toHaveLength(1);
  });

  it('refuses an unknown or unpublished course, an unknown module and a time outside the movement', () => {
    const draft = { ...COURSE, id: 'c2', status: 'DRAFT' as const };
    const plan = decideProgress(
      [
        fact({ courseId: 'c9' }),
        fact({ courseId: 'c2' }),
        fact({ moduleCodes: ['M9'] }),
        fact({ at: new Date('2025-10-10T03:06:00Z'), atGiven: true }),
        fact({ at: new Date('2024-12-31T16:59:59Z'), atGiven: true }),
        fact({ at: new Date('2025-10-10T03:04:00Z'), atGiven: true }),
      ],
      known([], [COURSE, draft]),
      newId,
      NOW,
    );
    expect(
      plan.outcomes.map((o) =>
        o.kind === 'rejected' ? (o.error as unknown as { code: string }).code : o.kind,
      ),
    ).toEqual([
      'course-not-found',
      'course-not-published',
      'unknown-module',
      'invalid-progress-time',
      'invalid-progress-time',
      'applied',
    ]);
  });

  it('takes a MOOC 100 % as the whole course under ALL_REQUIRED_MODULES', () => {
    const e = decideProgress([fact({ progressPercent: 100 })], known(), newId, NOW).changed[0];
    expect(meetsCompletionRule(COURSE, e)).toBe(true);
    expect(e.completedAt).toEqual(NOW);
  });
});
