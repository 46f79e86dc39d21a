import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AttendanceRecordedV1, CourseCompletedV1 } from '@bdhvs/events';
import { LearnerFactRepository } from '../registry/learner-fact.repository';
import { ProjectionVersion } from '../registry/projection-version';
import { Identified } from '../registry/record-registry.service';
import { LearningRepository } from './learning.repository';

/** Keeps what the indicators need of the courses service's events, a batch at a time. */
@Injectable()
export class RecordLearningService {
  constructor(
    private readonly learning: LearningRepository,
    private readonly facts: LearnerFactRepository,
    private readonly version: ProjectionVersion,
  ) {}

  async recordCompletions(tx: EntityManager, events: Identified<CourseCompletedV1>[]): Promise<void> {
    const keys = events.map((e) => e.data.learnerKey);
    await this.facts.lock(tx, keys);
    await this.learning.recordCompletions(
      tx,
      events.map(({ id, data: e }) => ({
        learnerKey: e.learnerKey,
        courseId: e.courseId,
        groups: [...new Set(e.programmes.map((p) => p.group))],
        completedAt: new Date(e.completedAt),
        sourceEventId: id,
      })),
    );
    await this.facts.refresh(tx, keys);
    await this.version.bump(tx, { units: events.map((e) => e.data.unitCode), learnerKeys: keys });
  }

  async recordAttendance(tx: EntityManager, events: AttendanceRecordedV1[]): Promise<void> {
    await this.learning.recordSessions(
      tx,
      events.map((e) => ({
        classId: e.classId,
        sessionNumber: e.sessionNumber,
        unitCode: e.unitCode,
        startsAt: new Date(e.sessionStartsAt),
      })),
    );
    await this.version.bump(tx, { units: events.map((e) => e.unitCode) });
  }
}
