import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Database, currentTrace } from '@bdhvs/service-runtime';
import { RegistryRepository } from '../registry/registry.repository';
import { LearnerNotFoundError } from './domain/enrolment.errors';
import { IntakeResult, RecordProgressService } from './record-progress.service';

/**
 * enrollLearner: the same pair again answers the same enrolment. A MOOC platform or a province admin may
 * enrol a learner the registry has not told us of yet (the enrolment waits for the learner); an officer
 * enrols known learners of their unit only.
 */
@Injectable()
export class EnrolLearnerService {
  constructor(
    private readonly db: Database,
    private readonly registry: RegistryRepository,
    private readonly progress: RecordProgressService,
  ) {}

  async enrol(
    actor: Actor,
    input: { learnerId: string; courseId: string },
    now = new Date(),
  ): Promise<IntakeResult> {
    const platformOrProvince =
      actor.roles.includes('mooc-platform') || actor.roles.includes('province-admin');
    if (!platformOrProvince) {
      const learner = await this.registry.findLearner(input.learnerId);
      if (!learner) throw new LearnerNotFoundError(input.learnerId);
      await assertUnitInScope(actor, learner.unitCode, this.registry);
    }
    const [result] = await this.db.transaction((tx) =>
      this.progress.applyAll(
        tx,
        [
          {
            fact: {
              learnerId: input.learnerId,
              courseId: input.courseId,
              via: actor.roles.includes('mooc-platform') ? 'MOOC' : 'OFFICER',
              enrolOnly: true,
              progressPercent: null,
              moduleCodes: [],
              score: null,
              at: now,
              atGiven: false,
              receivedAt: now,
              mayWait: platformOrProvince,
            },
            reportedBy: actor.sub,
            trace: currentTrace(),
            pendingId: randomUUID(),
          },
        ],
        now,
      ),
    );
    if ('error' in result) throw result.error;
    return result;
  }
}
