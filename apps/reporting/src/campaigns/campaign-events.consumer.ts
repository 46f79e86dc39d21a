import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ActivityRecordedV1,
  DeskHelperRegisteredV1,
  IdentityStatusRecordedV1,
  MenteeAssignedV1,
  MenteeReassignedV1,
  MentorRegisteredV1,
  TeamCreatedV1,
  Topics,
  VisitRecordedV1,
} from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordCampaignsService } from './record-campaigns.service';

/** The campaigns service's events: m_mentor5, m_desk, m_identity16, m_visits, m_4t and the rankings. */
@Controller()
export class CampaignEventsConsumer {
  constructor(private readonly campaigns: RecordCampaignsService) {}

  @EventPattern(Topics.mentorRegistered)
  recordMentors(@Payload() events: CloudEvent<MentorRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.recordMentors(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.menteeAssigned)
  recordMentees(@Payload() events: CloudEvent<MenteeAssignedV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.recordMentees(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.menteeReassigned)
  reassignMentees(@Payload() events: CloudEvent<MenteeReassignedV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.reassignMentees(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.deskHelperRegistered)
  recordHelpers(@Payload() events: CloudEvent<DeskHelperRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.recordHelpers(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.identityStatusRecorded)
  recordIdentities(@Payload() events: CloudEvent<IdentityStatusRecordedV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.recordIdentities(tx, events);
  }

  @EventPattern(Topics.teamCreated)
  recordTeams(@Payload() events: CloudEvent<TeamCreatedV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.recordTeams(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.visitRecorded)
  recordVisits(@Payload() events: CloudEvent<VisitRecordedV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.recordVisits(
      tx,
      events.map((e) => e.data),
    );
  }

  @EventPattern(Topics.activityRecorded)
  recordActivities(@Payload() events: CloudEvent<ActivityRecordedV1>[], @Ctx() { tx }: InboxContext) {
    return this.campaigns.recordActivities(
      tx,
      events.map((e) => e.data),
    );
  }
}
