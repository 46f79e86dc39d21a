import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ActivityRecordedV1,
  DeskHelperRegisteredV1,
  IdentityStatusRecordedV1,
  MenteeAssignedV1,
  MenteeReassignedV1,
  MentorRegisteredV1,
  TeamCreatedV1,
  VisitRecordedV1,
} from '@bdhvs/events';
import { ProjectionVersion } from '../registry/projection-version';
import { Identified } from '../registry/record-registry.service';
import { CampaignsRepository } from './campaigns.repository';

/** Keeps what the model indicators need of the campaigns service's events, a batch at a time. */
@Injectable()
export class RecordCampaignsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly version: ProjectionVersion,
  ) {}

  async recordMentors(tx: EntityManager, events: MentorRegisteredV1[]): Promise<void> {
    await this.campaigns.recordMentors(
      tx,
      events.map((e) => ({
        mentorId: e.mentorId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        registeredAt: new Date(e.registeredAt),
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }

  async recordMentees(tx: EntityManager, events: MenteeAssignedV1[]): Promise<void> {
    await this.campaigns.recordMentees(
      tx,
      events.map((e) => ({
        mentorId: e.mentorId,
        learnerKey: e.learnerKey,
        assignedAt: new Date(e.assignedAt),
        endedAt: null,
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }

  /** A change of mentor ends the previous assignment and starts the new one, at the same instant. */
  async reassignMentees(tx: EntityManager, events: MenteeReassignedV1[]): Promise<void> {
    await this.campaigns.endMentees(
      tx,
      events.map((e) => ({
        mentorId: e.previousMentorId,
        learnerKey: e.learnerKey,
        assignedAt: new Date(e.previousAssignedAt),
        endedAt: new Date(e.reassignedAt),
      })),
    );
    await this.campaigns.recordMentees(
      tx,
      events.map((e) => ({
        mentorId: e.mentorId,
        learnerKey: e.learnerKey,
        assignedAt: new Date(e.reassignedAt),
        endedAt: null,
      })),
    );
    await this.version.bump(tx, { units: events.flatMap((e) => [e.unitCode, e.previousUnitCode]) });
  }

  async recordHelpers(tx: EntityManager, events: DeskHelperRegisteredV1[]): Promise<void> {
    await this.campaigns.recordHelpers(
      tx,
      events.map((e) => ({
        helperId: e.helperId,
        learnerKey: e.learnerKey,
        unitCode: e.unitCode,
        registeredAt: new Date(e.registeredAt),
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }

  async recordIdentities(tx: EntityManager, events: Identified<IdentityStatusRecordedV1>[]): Promise<void> {
    await this.campaigns.recordIdentities(
      tx,
      events.map(({ id, data: e }) => ({
        sourceEventId: id,
        learnerKey: e.learnerKey,
        vneidStatus: e.vneidStatus ?? null,
        digitalBankAccount: e.digitalBankAccount ?? null,
        recordedAt: new Date(e.recordedAt),
      })),
    );
    await this.version.bump(tx, {
      units: events.map((e) => e.data.unitCode),
      learnerKeys: events.map((e) => e.data.learnerKey),
    });
  }

  /** Teams change no indicator, but the rankings of teams show them. */
  async recordTeams(tx: EntityManager, events: TeamCreatedV1[]): Promise<void> {
    await this.campaigns.recordTeams(
      tx,
      events.map((e) => ({
        teamId: e.teamId,
        name: e.name,
        kind: e.kind,
        unitCode: e.unitCode,
        createdAt: new Date(e.createdAt),
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }

  async recordVisits(tx: EntityManager, events: VisitRecordedV1[]): Promise<void> {
    await this.campaigns.recordVisits(
      tx,
      events.map((e) => ({
        visitId: e.visitId,
        teamId: e.teamId,
        householdId: e.householdId,
        unitCode: e.unitCode,
        visitedAt: new Date(e.visitedAt),
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }

  async recordActivities(tx: EntityManager, events: ActivityRecordedV1[]): Promise<void> {
    await this.campaigns.recordParticipation(
      tx,
      events.flatMap((e) =>
        e.participants.map((p) => ({
          activityId: e.activityId,
          learnerKey: p.learnerKey,
          model: e.model,
          unitCode: e.unitCode,
          endsAt: new Date(e.endsAt),
          completed: p.completed,
        })),
      ),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }
}
