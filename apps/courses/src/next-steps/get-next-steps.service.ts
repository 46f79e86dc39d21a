import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { CourseRepository } from '../catalogue/course.repository';
import { Accessibility } from '../catalogue/domain/course';
import { ClassRepository } from '../classes/class.repository';
import { vietnamDate } from '../classes/domain/community-class';
import { CompetencyFramework } from '../competencies/competency-framework';
import { LearnerNotFoundError } from '../enrolments/domain/enrolment.errors';
import { EnrolmentRepository } from '../enrolments/enrolment.repository';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { RegistryRepository } from '../registry/registry.repository';
import { NextSteps, needsOf, nextSteps } from './domain/next-steps';

export interface NextStepsQuery {
  languages?: string[];
  accessibility?: Accessibility[];
  limit: number;
}

/** getNextSteps: what a learner could do next to close the gaps of their programmes, with the reasons. */
@Injectable()
export class GetNextStepsService {
  constructor(
    private readonly db: Database,
    private readonly registry: RegistryRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly courses: CourseRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly classes: ClassRepository,
    private readonly framework: CompetencyFramework,
  ) {}

  async get(actor: Actor, learnerId: string, query: NextStepsQuery, now = new Date()): Promise<NextSteps> {
    const learner = await this.registry.findLearner(learnerId);
    if (!learner) throw new LearnerNotFoundError(learnerId);
    await assertUnitInScope(actor, learner.unitCode, this.registry);
    return nextSteps({
      learner,
      needs: needsOf(learner, query, vietnamDate(now)),
      programmes: await this.programmes.current(),
      courses: await this.courses.listPublished(),
      enrolments: await this.enrolments.ofLearner(this.db.manager, learnerId),
      classes: await this.classes.ofUnit(learner.unitCode),
      names: this.framework.nameOf,
      limit: query.limit,
    });
  }
}
