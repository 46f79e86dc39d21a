import type { Course } from '../../catalogue/domain/course';
import type { CommunityClass } from '../../classes/domain/community-class';
import type { Enrolment } from '../../enrolments/domain/enrolment';
import type { Programme } from '../../programmes/domain/programme';
import { NextStepsInput, needsOf, nextSteps } from './next-steps';

const T0 = new Date('2025-09-01T00:00:00Z');
const CITIZEN: Programme = {
  code: 'CITIZEN_BASIC',
  group: 'CITIZEN',
  studentLevels: [],
  version: 1,
  title: 'Kỹ năng số cơ bản',
  description: '',
  levels: [],
  competencies: ['BASIC-SMARTPHONE', 'BASIC-VNEID', 'BASIC-ONLINE-HEALTH'],
  seed: true,
  source: 'plan',
  editedBy: null,
  editedAt: T0,
};

function course(code: string, over: Partial<Course> = {}): Course {
  return {
    id: `id-${code}`,
    code,
    title: code,
    groups: ['CITIZEN'],
    mode: 'ONLINE',
    language: 'vi',
    accessibility: [],
    competencies: ['BASIC-VNEID'],
    level: null,
    modules: [{ code: 'M1', title: 'm', required: true, competencies: [] }],
    completion: { rule: 'ALL_REQUIRED_MODULES', passingScore: null },
    activityId: null,
    status: 'PUBLISHED',
    programmes: [],
    createdBy: 'a',
    createdAt: T0,
    publishedAt: T0,
    ...over,
  };
}

const SMARTPHONE = course('A-SMART', {
  competencies: ['BASIC-SMARTPHONE', 'BASIC-VNEID'],
  modules: [
    { code: 'S1', title: 'Điện thoại', required: true, competencies: ['BASIC-SMARTPHONE'] },
    { code: 'S2', title: 'VNeID', required: true, competencies: ['BASIC-VNEID'] },
  ],
});
const HMONG = course('B-HMN', { language: 'hmn', accessibility: ['AUDIO'] });
const STAFF_ONLY = course('C-STAFF', { groups: ['PUBLIC_SECTOR'], competencies: ['BASIC-ONLINE-HEALTH'] });
const names = new Map([['BASIC-VNEID', 'VNeID']]);

function input(over: Partial<NextStepsInput> = {}): NextStepsInput {
  return {
    learner: { groups: ['CITIZEN'], studentLevel: null },
    needs: needsOf(
      { ethnicity: '08', disability: false, dateOfBirth: '1950-01-01', birthYear: 1950 },
      {},
      '2025-10-01',
    ),
    programmes: [CITIZEN],
    courses: [STAFF_ONLY, HMONG, SMARTPHONE],
    enrolments: [],
    classes: [],
    names,
    limit: 10,
    ...over,
  };
}

describe('needsOf', () => {
  it("prefers the community's language then Vietnamese, and what suits age or disability", () => {
    expect(
      needsOf(
        { ethnicity: '08', disability: false, dateOfBirth: '1950-01-01', birthYear: 1950 },
        {},
        '2025-10-01',
      ),
    ).toEqual({
      languages: ['hmn', 'vi'],
      languagesFrom: 'registry',
      requiredAccessibility: [],
      preferredAccessibility: ['EASY_READ', 'AUDIO'],
      audiences: ['ELDERLY', 'GENERAL'],
    });
    expect(
      needsOf(
        { ethnicity: '01', disability: true, dateOfBirth: null, birthYear: 2000 },
        { languages: ['vi'], accessibility: ['CAPTIONS'] },
        '2025-10-01',
      ),
    ).toMatchObject({
      languages: ['vi'],
      languagesFrom: 'request',
      requiredAccessibility: ['CAPTIONS'],
      preferredAccessibility: [],
      audiences: ['DISABILITY', 'GENERAL'],
    });
  });
});

describe('nextSteps', () => {
  it('closes each gap once, in the preferred language first, with the reasons', () => {
    const result = nextSteps(input());
    expect(result.gaps.map((g) => g.competency)).toEqual([
      'BASIC-SMARTPHONE',
      'BASIC-VNEID',
      'BASIC-ONLINE-HEALTH',
    ]);
    expect(result.steps.map((s) => [s.courseCode, s.kind, s.moduleCode, s.closes])).toEqual([
      ['B-HMN', 'COURSE', null, ['BASIC-VNEID']],
      ['A-SMART', 'MODULE', 'S1', ['BASIC-SMARTPHONE']],
    ]);
    expect(result.steps[0].reasons.map((r) => r.code)).toEqual([
      'COMPETENCY_GAP',
      'PROGRAMME',
      'LANGUAGE',
      'ACCESSIBILITY',
    ]);
    expect(result.steps[0].reasons[0]).toMatchObject({
      competency: 'BASIC-VNEID',
      name: 'VNeID',
      programmes: ['CITIZEN_BASIC'],
    });
    // Only a course for another group covers online health care: it is a gap no course closes.
    expect(result.uncovered.map((g) => g.competency)).toEqual(['BASIC-ONLINE-HEALTH']);
  });

  it('changes as modules are completed, and puts a course the learner is enrolled in first', () => {
    const started: Enrolment = {
      id: 'e1',
      learnerId: 'l1',
      courseId: SMARTPHONE.id,
      enrolledVia: 'MOOC',
      enrolledAt: T0,
      progressPercent: 50,
      completedModules: ['S1'],
      bestScore: null,
      milestone: 50,
      completedAt: null,
      completedVia: null,
      updatedAt: T0,
    };
    const result = nextSteps(input({ enrolments: [started] }));
    expect(result.covered).toEqual([
      { competency: 'BASIC-SMARTPHONE', name: 'BASIC-SMARTPHONE', courseId: SMARTPHONE.id, moduleCode: 'S1' },
    ]);
    expect(result.steps.map((s) => [s.courseCode, s.moduleCode])).toEqual([['A-SMART', 'S2']]);
    expect(result.steps[0].reasons.map((r) => r.code)).toContain('ENROLLED');
  });

  it('offers only courses in an acceptable language with the accessibility asked for, and names classes nearby', () => {
    const cls = { id: 'k1', courseId: SMARTPHONE.id, audience: 'ELDERLY' } as CommunityClass;
    const youth = { id: 'k2', courseId: SMARTPHONE.id, audience: 'DISABILITY' } as CommunityClass;
    const vietnamese = nextSteps(
      input({
        needs: needsOf(
          { ethnicity: '08', disability: false, dateOfBirth: '1950-01-01', birthYear: 1950 },
          { languages: ['vi'] },
          '2025-10-01',
        ),
        classes: [cls, youth],
      }),
    );
    expect(vietnamese.steps.map((s) => [s.courseCode, s.moduleCode, s.classIds])).toEqual([
      ['A-SMART', 'S1', ['k1']],
      ['A-SMART', 'S2', ['k1']],
    ]);
    const captions = nextSteps(
      input({
        needs: needsOf(
          { ethnicity: null, disability: true, dateOfBirth: null, birthYear: 1990 },
          { accessibility: ['CAPTIONS'] },
          '2025-10-01',
        ),
      }),
    );
    expect(captions.steps).toEqual([]);
    expect(captions.uncovered).toHaveLength(3);
  });

  it('is deterministic: the same input gives the same answer', () => {
    expect(nextSteps(input())).toEqual(nextSteps(input({ courses: [SMARTPHONE, STAFF_ONLY, HMONG] })));
  });
});
