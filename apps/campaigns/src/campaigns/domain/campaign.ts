import type { CampaignModelV1 } from '@bdhvs/events';

/** A campaign of one of the movement's models, and its activities (IV.6, IV.1.3). Framework-free. */
export const MODELS: readonly CampaignModelV1[] = [
  'DIGITAL_AMBASSADORS',
  'DIGITAL_FAMILY',
  'DIGITAL_MARKET_4T',
  'DIGITAL_IDENTITY',
  'COMMUNITY_TECH_TEAM',
  'YOUTH_CAMPAIGN',
  'LEARNING_FESTIVAL',
];
export type Model = CampaignModelV1;
export const ORGANISATIONS = [
  'YOUTH_UNION',
  'WOMENS_UNION',
  'COMMUNITY_TECH_TEAM',
  'ENTERPRISE',
  'SCHOOL',
] as const;
export type Organisation = (typeof ORGANISATIONS)[number];
export const ACTIVITY_KINDS = [
  'CLASS',
  'DOOR_TO_DOOR_VISIT',
  'FESTIVAL_EVENT',
  'WORKSHOP',
  'ONLINE_SESSION',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface Campaign {
  id: string;
  model: Model;
  unitCode: string;
  name: string;
  startsOn: string;
  endsOn: string | null;
  organisation: Organisation;
  createdBy: string;
  createdAt: Date;
}

export interface Participant {
  learnerId: string;
  /** When they took part: within the activity, never after its end. */
  attendedAt: Date;
  completed: boolean;
}

export interface Activity {
  id: string;
  campaignId: string;
  kind: ActivityKind;
  title: string;
  unitCode: string;
  startsAt: Date;
  endsAt: Date;
  recordedBy: string;
  recordedAt: Date;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const isRealDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** The Vietnam calendar day of an instant. */
const vietnamDay = (t: Date) => new Date(t.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export function checkCampaign(input: { startsOn: string; endsOn: string | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isRealDate(input.startsOn))
    problems.push({ field: 'startsOn', message: 'startsOn must be a real date' });
  if (input.endsOn !== null) {
    if (!isRealDate(input.endsOn)) problems.push({ field: 'endsOn', message: 'endsOn must be a real date' });
    else if (input.endsOn < input.startsOn)
      problems.push({ field: 'endsOn', message: 'endsOn must not be before startsOn' });
  }
  return problems;
}

/**
 * What recordActivity refuses beyond the DTO's shapes, each naming its field: an activity outside its
 * campaign's dates, one that ends before it starts, attendance outside the activity (after its end, or
 * before its start), a learner the registry has not told of, or a learner twice.
 */
export function checkActivity(
  campaign: Pick<Campaign, 'startsOn' | 'endsOn'>,
  activity: { startsAt: Date; endsAt: Date; participants: Participant[] },
  knownLearners: ReadonlySet<string>,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (activity.endsAt < activity.startsAt)
    problems.push({ field: 'endsAt', message: 'endsAt must not be before startsAt' });
  if (vietnamDay(activity.startsAt) < campaign.startsOn)
    problems.push({
      field: 'startsAt',
      message: `startsAt must not be before the campaign starts (${campaign.startsOn})`,
    });
  if (campaign.endsOn && vietnamDay(activity.endsAt) > campaign.endsOn)
    problems.push({
      field: 'endsAt',
      message: `endsAt must not be after the campaign ends (${campaign.endsOn})`,
    });
  activity.participants.forEach((p, i) => {
    if (!knownLearners.has(p.learnerId))
      problems.push({
        field: `participants.${i}.learnerId`,
        message: 'names no learner known from the registry',
      });
    else if (activity.participants.findIndex((o) => o.learnerId === p.learnerId) !== i)
      problems.push({ field: `participants.${i}.learnerId`, message: 'the learner is listed twice' });
    if (p.attendedAt > activity.endsAt)
      problems.push({
        field: `participants.${i}.attendedAt`,
        message: 'attendance must not be after the activity ends',
      });
    else if (p.attendedAt < activity.startsAt)
      problems.push({
        field: `participants.${i}.attendedAt`,
        message: 'attendance must not be before the activity starts',
      });
    if (p.attendedAt > now)
      problems.push({
        field: `participants.${i}.attendedAt`,
        message: 'attendedAt must not be in the future',
      });
  });
  return problems;
}
