import { Completion, requestsFor } from './certification-request';

describe('requestsFor', () => {
  let n = 0;
  const newId = () => `r${++n}`;
  const now = new Date('2025-10-02T00:00:00Z');
  const completion = (over: Partial<Completion>): Completion => ({
    learnerKey: 'k1',
    learnerId: 'l1',
    unitCode: '03388',
    courseId: 'c1',
    courseCode: 'CB-1',
    programmes: ['CITIZEN_BASIC'],
    completedAt: new Date('2025-10-01T00:00:00Z'),
    ...over,
  });

  it('asks once per learner and programme VNeID confirms, for the earliest completion', () => {
    const requests = requestsFor(
      [
        completion({ courseId: 'late', completedAt: new Date('2025-10-01T09:00:00Z') }),
        completion({ courseId: 'early', programmes: ['CITIZEN_BASIC', 'CITIZEN_BASIC', 'NOT_VNEID'] }),
        completion({ learnerKey: 'k2', learnerId: 'l2', programmes: ['PUBLIC_SECTOR_DIGITAL'] }),
      ],
      new Set(['CITIZEN_BASIC', 'PUBLIC_SECTOR_DIGITAL']),
      now,
      newId,
    );
    expect(requests.map((r) => [r.learnerKey, r.programme, r.courseId, r.state])).toEqual([
      ['k1', 'CITIZEN_BASIC', 'early', 'requested'],
      ['k2', 'PUBLIC_SECTOR_DIGITAL', 'c1', 'requested'],
    ]);
    expect(requests[0].requestedAt).toBe(now);
  });

  it('asks nothing for programmes VNeID does not confirm', () => {
    expect(
      requestsFor([completion({ programmes: ['OTHER'] })], new Set(['CITIZEN_BASIC']), now, newId),
    ).toEqual([]);
  });
});
