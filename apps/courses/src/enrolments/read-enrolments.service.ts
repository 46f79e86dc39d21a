import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { CourseRepository } from '../catalogue/course.repository';
import { Course } from '../catalogue/domain/course';
import { RegistryRepository } from '../registry/registry.repository';
import { Enrolment } from './domain/enrolment';
import { EnrolmentNotFoundError, LearnerNotFoundError } from './domain/enrolment.errors';
import { EnrolmentRepository, PendingIntake } from './enrolment.repository';

/** getEnrolment, listEnrolments and listPendingProgress. */
@Injectable()
export class ReadEnrolmentsService {
  constructor(
    private readonly db: Database,
    private readonly enrolments: EnrolmentRepository,
    private readonly courses: CourseRepository,
    private readonly registry: RegistryRepository,
  ) {}

  async get(actor: Actor, enrolmentId: string): Promise<{ enrolment: Enrolment; course: Course }> {
    const enrolment = await this.enrolments.findById(enrolmentId);
    if (!enrolment) throw new EnrolmentNotFoundError(enrolmentId);
    await this.assertCanReach(actor, enrolment.learnerId);
    return { enrolment, course: (await this.courses.findById(enrolment.courseId)) as Course };
  }

  async ofLearner(actor: Actor, learnerId: string): Promise<{ enrolment: Enrolment; course: Course }[]> {
    await this.assertCanReach(actor, learnerId);
    const enrolments = await this.enrolments.ofLearner(this.db.manager, learnerId);
    const courses = await this.courses.findByIds(
      this.db.manager,
      enrolments.map((e) => e.courseId),
    );
    return enrolments.map((enrolment) => ({ enrolment, course: courses.get(enrolment.courseId) as Course }));
  }

  /** A MOOC platform sees what it reported; a province admin sees everything waiting. */
  waiting(
    actor: Actor,
    filter: { learnerId?: string; courseId?: string; limit: number },
  ): Promise<PendingIntake[]> {
    return this.enrolments.listWaiting({
      ...filter,
      reportedBy: actor.roles.includes('province-admin') ? undefined : actor.sub,
    });
  }

  /** An officer bounded to a unit reaches the learners of that unit only. */
  private async assertCanReach(actor: Actor, learnerId: string): Promise<void> {
    if (!actor.unit) return;
    const learner = await this.registry.findLearner(learnerId);
    if (!learner) throw new LearnerNotFoundError(learnerId);
    await assertUnitInScope(actor, learner.unitCode, this.registry);
  }
}
