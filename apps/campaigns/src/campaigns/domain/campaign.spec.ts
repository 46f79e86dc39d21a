import { checkActivity, checkCampaign } from './campaign';

const campaign = { startsOn: '2025-10-01', endsOn: '2025-10-31' };
const startsAt = new Date('2025-10-10T01:00:00Z');
const endsAt = new Date('2025-10-10T04:00:00Z');
const now = new Date('2025-10-11T00:00:00Z');

describe(checkCampaign.name, () => {
  it('names an end before the start', () =>
    expect(checkCampaign({ startsOn: '2025-10-01', endsOn: '2025-09-30' }).map((p) => p.field)).toEqual([
      'endsOn',
    ]));
});

describe(checkActivity.name, () => {
  it('accepts attendance within an activity inside the campaign', () =>
    expect(
      checkActivity(
        campaign,
        { startsAt, endsAt, participants: [{ learnerId: 'l-1', attendedAt: startsAt, completed: true }] },
        new Set(['l-1']),
        now,
      ),
    ).toEqual([]));

  it('names attendance after the activity’s end, an unknown learner, a learner twice and dates outside the campaign', () =>
    expect(
      checkActivity(
        campaign,
        {
          startsAt: new Date('2025-09-30T01:00:00Z'),
          endsAt,
          participants: [
            { learnerId: 'l-1', attendedAt: new Date(endsAt.getTime() + 1), completed: false },
            { learnerId: 'l-2', attendedAt: startsAt, completed: false },
            { learnerId: 'l-1', attendedAt: startsAt, completed: false },
          ],
        },
        new Set(['l-1']),
        now,
      ).map((p) => p.field),
    ).toEqual([
      'startsAt',
      'participants.0.attendedAt',
      'participants.1.learnerId',
      'participants.2.learnerId',
    ]));
});
