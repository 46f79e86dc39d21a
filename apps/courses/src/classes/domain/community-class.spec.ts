import type { Course } from '../../catalogue/domain/course';
import {
  CommunityClass,
  WeeklySchedule,
  attendanceFacts,
  checkNewClass,
  isoWeek,
  newClass,
  sessionDate,
  sessionNumber,
  sessionStart,
  vietnamDate,
} from './community-class';

// Saturdays from 6 September 2025, and Wednesdays.
const SCHEDULE: WeeklySchedule = {
  weekdays: [3, 6],
  startTime: '08:00',
  durationMinutes: 90,
  startsOn: '2025-09-06',
  endsOn: '2025-10-04',
};
const COURSE = {
  title: 'VNeID',
  modules: [
    { code: 'M1', title: 'a', required: true, competencies: [] },
    { code: 'M2', title: 'b', required: true, competencies: [] },
  ],
} as Pick<Course, 'title' | 'modules'>;

describe('weekly schedule', () => {
  it('numbers the sessions in date order and knows the days without one', () => {
    expect(
      ['2025-09-06', '2025-09-10', '2025-09-13', '2025-10-04'].map((d) => sessionNumber(SCHEDULE, d)),
    ).toEqual([1, 2, 3, 9]);
    expect(
      ['2025-09-07', '2025-09-03', '2025-10-08', '2025-02-30'].map((d) => sessionNumber(SCHEDULE, d)),
    ).toEqual([null, null, null, null]);
    expect(sessionDate(SCHEDULE, 3)).toBe('2025-09-13');
    expect(sessionDate(SCHEDULE, 10)).toBeNull();
  });

  it('counts by whole weeks, as far ahead as asked, the same as going day by day', () => {
    const open = { ...SCHEDULE, weekdays: [1, 5, 7], endsOn: null };
    let day = Date.parse(`${open.startsOn}T00:00:00Z`);
    let n = 0;
    for (let i = 0; i < 800; i++, day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      const scheduled = [1, 5, 7].includes(((new Date(day).getUTCDay() + 6) % 7) + 1);
      if (scheduled) n++;
      expect(sessionNumber(open, date)).toBe(scheduled ? n : null);
      if (scheduled) expect(sessionDate(open, n)).toBe(date);
    }
    expect(sessionNumber(open, '9999-12-31')).toBeGreaterThan(1_000_000);
  });

  it('starts sessions at their time in Vietnam and weeks by ISO 8601', () => {
    expect(sessionStart(SCHEDULE, '2025-09-06').toISOString()).toBe('2025-09-06T01:00:00.000Z');
    expect(['2025-09-06', '2025-12-29', '2027-01-01', '2026-01-04'].map(isoWeek)).toEqual([
      '2025-W36',
      '2026-W01',
      '2026-W53',
      '2026-W01',
    ]);
    expect(vietnamDate(new Date('2025-09-06T17:30:00Z'))).toBe('2025-09-07');
  });
});

describe('checkNewClass', () => {
  const input = {
    courseId: 'c1',
    unitCode: '03388',
    audience: 'ELDERLY' as const,
    teacher: { role: 'MENTOR' as const, name: 'Lò Văn Minh', sub: 'm1', learnerId: null },
    schedule: SCHEDULE,
  };
  it('accepts a commune, a schedule and a plan of the course modules', () => {
    expect(checkNewClass(input, COURSE, { type: 'commune' })).toEqual([]);
  });
  it('names each field that does not fit', () => {
    expect(
      checkNewClass(
        {
          ...input,
          schedule: { ...SCHEDULE, endsOn: '2025-09-07' },
          modulePlan: [
            { moduleCode: 'M9', sessions: [1] },
            { moduleCode: 'M1', sessions: [1, 1] },
          ],
        },
        COURSE,
        { type: 'province' },
      ).map((p) => p.field),
    ).toEqual(['unitCode', 'modulePlan.0.moduleCode', 'modulePlan.1.sessions']);
    expect(
      checkNewClass({ ...input, schedule: { ...SCHEDULE, endsOn: '2025-09-06' } }, COURSE, null),
    ).toEqual([
      { field: 'unitCode', message: 'unitCode must be a commune or ward of the 2025 map' },
      {
        field: 'modulePlan',
        message: 'without a modulePlan each of the 2 modules takes a session; the schedule has 1',
      },
    ]);
  });
});

describe('attendanceFacts', () => {
  const cls: CommunityClass = newClass(
    {
      courseId: 'c1',
      unitCode: '03388',
      audience: 'GENERAL',
      teacher: { role: 'TEACHER', name: 'x', sub: null, learnerId: null },
      schedule: SCHEDULE,
      modulePlan: [
        { moduleCode: 'M1', sessions: [1] },
        { moduleCode: 'M2', sessions: [2, 3] },
      ],
    },
    COURSE,
    { id: 'k1', createdBy: 'o', now: new Date('2025-09-01T00:00:00Z') },
  );

  it('completes the modules whose sessions were all attended, at the last session one of them needed', () => {
    const facts = attendanceFacts(
      cls,
      { date: '2025-09-10', number: 2 },
      new Map([
        ['a', new Set([1, 2, 3])],
        ['b', new Set([2])],
      ]),
      new Date('2025-10-01T00:00:00Z'),
    );
    expect(facts.map((f) => [f.learnerId, f.moduleCodes, f.at.toISOString(), f.via])).toEqual([
      ['a', ['M1', 'M2'], '2025-09-13T01:00:00.000Z', 'CLASS'],
      ['b', [], '2025-09-10T01:00:00.000Z', 'CLASS'],
    ]);
  });
});
