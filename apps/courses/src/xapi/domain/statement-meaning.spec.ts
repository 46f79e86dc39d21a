import { PROGRESS_EXTENSION, VERBS } from './statement';
import { type LinkedStatement, statementFact } from './statement-meaning';

const course = {
  id: 'c1',
  activityId: 'https://mooc.vn/courses/C1',
  modules: [{ code: 'M1', title: 'M1', required: true, competencies: [] }],
  completion: { rule: 'ALL_REQUIRED_MODULES' as const, passingScore: null },
};
const scored = {
  ...course,
  id: 'c2',
  activityId: 'https://mooc.vn/courses/C2',
  completion: { rule: 'PASSING_SCORE' as const, passingScore: 70 },
};
const stored = new Date('2025-10-01T08:00:00Z');

const linked = (verb: string, object: string, extra: Record<string, unknown> = {}): LinkedStatement => ({
  learnerId: 'l1',
  stored,
  statement: {
    actor: { mbox: 'mailto:a@b.vn' },
    verb: { id: verb },
    object: { id: object },
    timestamp: '2025-09-30T10:00:00+07:00',
    ...extra,
  },
});

describe(statementFact.name, () => {
  it('reads completed on the course activity as 100 % at the statement timestamp', () => {
    expect(statementFact(linked(VERBS.completed, course.activityId), [course])).toMatchObject({
      learnerId: 'l1',
      courseId: 'c1',
      progressPercent: 100,
      moduleCodes: [],
      at: new Date('2025-09-30T03:00:00Z'),
      atGiven: true,
      via: 'MOOC',
    });
  });

  it('reads completed on <course>/modules/<code> as that module', () => {
    expect(statementFact(linked(VERBS.completed, `${course.activityId}/modules/M1`), [course])).toMatchObject(
      {
        progressPercent: null,
        moduleCodes: ['M1'],
      },
    );
    expect(statementFact(linked(VERBS.completed, `${course.activityId}/modules/M9`), [course])).toBeNull();
  });

  it('reads passed with a scaled score, and a bare passed as the passing score of a PASSING_SCORE course', () => {
    const withScore = linked(VERBS.passed, scored.activityId, { result: { score: { scaled: 0.85 } } });
    expect(statementFact(withScore, [scored])).toMatchObject({ score: 85, progressPercent: 100 });
    expect(statementFact(linked(VERBS.passed, scored.activityId), [scored])).toMatchObject({ score: 70 });
  });

  it('reads progressed from the cmi5 progress extension only', () => {
    const progressed = linked(VERBS.progressed, course.activityId, {
      result: { extensions: { [PROGRESS_EXTENSION]: 40 } },
    });
    expect(statementFact(progressed, [course])).toMatchObject({ progressPercent: 40 });
    expect(statementFact(linked(VERBS.progressed, course.activityId), [course])).toBeNull();
  });

  it('means nothing for other verbs and other activities', () => {
    expect(
      statementFact(linked('http://adlnet.gov/expapi/verbs/experienced', course.activityId), [course]),
    ).toBeNull();
    expect(statementFact(linked(VERBS.completed, 'https://mooc.vn/other'), [course])).toBeNull();
  });
});
