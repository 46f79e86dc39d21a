import type { Programme } from '../../programmes/domain/programme';
import { NewCourse, checkNewCourse, newCourse, publish } from './course';

const INPUT: NewCourse = {
  code: 'LC-01',
  title: 'VNeID',
  groups: ['CITIZEN', 'PUBLIC_SECTOR'],
  mode: 'ONLINE',
  language: 'vi',
  competencies: ['BASIC-VNEID', '2.6'],
  modules: [
    { code: 'M1', title: 'a', required: true, competencies: ['BASIC-VNEID'] },
    { code: 'M2', title: 'b', required: false, competencies: [] },
  ],
  completion: { rule: 'ALL_REQUIRED_MODULES', passingScore: null },
};
const known = (code: string) => code !== '9.9';

describe('checkNewCourse', () => {
  it('accepts a course mapped to the framework', () => expect(checkNewCourse(INPUT, known)).toEqual([]));

  it('names each field that does not fit', () => {
    const problems = checkNewCourse(
      {
        ...INPUT,
        groups: ['CITIZEN', 'CITIZEN'],
        competencies: ['9.9', 'BASIC-VNEID'],
        modules: [
          { code: 'M1', title: 'a', required: false, competencies: ['2.6'] },
          { code: 'M1', title: 'b', required: false, competencies: [] },
        ],
      },
      known,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'groups.1',
      'competencies.0',
      'modules.0.competencies.0',
      'modules.1.code',
      'modules',
    ]);
    expect(
      checkNewCourse({ ...INPUT, completion: { rule: 'PASSING_SCORE', passingScore: null } }, known),
    ).toEqual([
      { field: 'completion.passingScore', message: 'completion.passingScore is required with PASSING_SCORE' },
    ]);
  });
});

describe('publish', () => {
  const programme = (code: string, group: Programme['group'], competencies: string[]): Programme => ({
    code,
    group,
    studentLevels: [],
    version: 3,
    title: code,
    description: '',
    levels: [],
    competencies,
    seed: false,
    source: null,
    editedBy: 'a',
    editedAt: new Date(0),
  });

  it("fixes the programmes of the course's groups that require what it covers; a second time changes nothing", () => {
    const draft = newCourse(INPUT, { id: 'c1', createdBy: 'admin', now: new Date(0) });
    const programmes = [
      programme('CITIZEN_BASIC', 'CITIZEN', ['BASIC-VNEID']),
      programme('PUBLIC_SECTOR_DIGITAL', 'PUBLIC_SECTOR', ['BASIC-AI']),
      programme('STUDENT_PRIMARY', 'STUDENT', ['2.6']),
    ];
    const first = publish(draft, programmes, new Date(1000));
    expect(first.published).toBe(true);
    expect(first.course).toMatchObject({ status: 'PUBLISHED', publishedAt: new Date(1000) });
    expect(first.course.programmes).toEqual([
      { code: 'CITIZEN_BASIC', version: 3, group: 'CITIZEN', studentLevels: [] },
    ]);
    expect(publish(first.course, [], new Date(2000))).toEqual({ course: first.course, published: false });
  });
});
