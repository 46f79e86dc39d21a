import { ActivityRecordedV1, CampaignCreatedV1, Topics } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import { Activity, Campaign, Participant } from './domain/campaign';

/** activity-recorded: keyed by campaign, at the activity's end (when its trainees have completed). */
export function activityRecorded(
  campaign: Campaign,
  a: Activity,
  participants: (Participant & { learnerKey: string })[],
): OutgoingEvent<ActivityRecordedV1> {
  return {
    topic: Topics.activityRecorded,
    key: campaign.id,
    subject: a.id,
    time: a.endsAt,
    data: {
      activityId: a.id,
      campaignId: campaign.id,
      model: campaign.model,
      kind: a.kind,
      unitCode: a.unitCode,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      participants: participants.map((p) => ({
        learnerId: p.learnerId,
        learnerKey: p.learnerKey,
        completed: p.completed,
      })),
      recordedAt: a.recordedAt.toISOString(),
    },
  };
}

/** campaign-created: keyed by campaign. */
export function campaignCreated(c: Campaign): OutgoingEvent<CampaignCreatedV1> {
  return {
    topic: Topics.campaignCreated,
    key: c.id,
    subject: c.id,
    time: c.createdAt,
    data: {
      campaignId: c.id,
      model: c.model,
      unitCode: c.unitCode,
      name: c.name,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      organisation: c.organisation,
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
    },
  };
}
