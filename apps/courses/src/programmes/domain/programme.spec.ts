import { Programme, checkRevision, programmesOf, revise } from './programme';
import { PROGRAMME_SEED, TT02_COMPETENCIES } from './programme-seed';

const seeded: Programme[] = PROGRAMME_SEED.map((p) => ({
  ...p,
  version: 1,
  seed: true,
  editedBy: null,
  editedAt: new Date('2025-01-01T00:00:00Z'),
}));

describe('the seeded programmes', () => {
  it('give every target group a programme, and students one per school level', () => {
    const groups = new Set(seeded.map((p) => p.group));
    expect([...groups].sort()).toEqual(['CITIZEN', 'ENTERPRISE_WORKER', 'PUBLIC_SECTOR', 'STUDENT']);
    const levels = seeded.flatMap((p) => p.studentLevels);
    expect(levels.sort()).toEqual([
      'HIGHER_EDUCATION',
      'LOWER_SECONDARY',
      'PRIMARY',
      'UPPER_SECONDARY',
      'VOCATIONAL',
    ]);
    expect(seeded.every((p) => p.source && p.source.length > 0)).toBe(true);
  });

  it("hold the plan's basic citizen skills and the 24 competencies of Thông tư 02/2025", () => {
    expect(seeded.find((p) => p.code === 'CITIZEN_BASIC')?.competencies).toEqual([
      'BASIC-SMARTPHONE',
      'BASIC-VNEID',
      'BASIC-PUBLIC-SERVICES',
      'BASIC-CASHLESS-PAYMENT',
      'BASIC-ONLINE-SAFETY',
      'BASIC-ONLINE-HEALTH',
    ]);
    expect(TT02_COMPETENCIES).toHaveLength(24);
    expect(TT02_COMPETENCIES.slice(0, 4)).toEqual(['1.1', '1.2', '1.3', '2.1']);
  });
});

describe('programmesOf', () => {
  it("follows each of the learner's groups, and the students' programme of their level", () => {
    const codes = (groups: string[], studentLevel: string | null) =>
      programmesOf({ groups, studentLevel }, seeded).map((p) => p.code);
    expect(codes(['PUBLIC_SECTOR', 'CITIZEN'], null)).toEqual(['CITIZEN_BASIC', 'PUBLIC_SECTOR_DIGITAL']);
    expect(codes(['STUDENT'], 'VOCATIONAL')).toEqual(['STUDENT_POST_SECONDARY']);
    expect(codes(['STUDENT'], null)).toHaveLength(4);
    expect(codes([], null)).toEqual([]);
  });
});

describe('revise', () => {
  it('makes a new version that is no longer the seed, and refuses unknown or repeated codes', () => {
    const current = seeded[0];
    const next = revise(
      current,
      { baseVersion: 1, competencies: ['4.2', 'BASIC-VNEID'], levels: [2, 1] },
      'admin',
      new Date(0),
    );
    expect(next).toMatchObject({
      version: 2,
      seed: false,
      editedBy: 'admin',
      levels: [1, 2],
      source: null,
      title: current.title,
    });
    const known = (code: string) => code !== 'X';
    expect(checkRevision({ baseVersion: 1, competencies: ['4.2', 'X', '4.2'] }, known)).toEqual([
      { field: 'competencies.1', message: 'X is not a competency or basic skill of the framework' },
      { field: 'competencies.2', message: '4.2 is listed twice' },
    ]);
  });
});
