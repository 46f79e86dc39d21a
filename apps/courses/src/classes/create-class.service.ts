import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { Database } from '@bdhvs/service-runtime';
import { CourseRepository } from '../catalogue/course.repository';
import { CourseNotFoundError, CourseNotPublishedError } from '../catalogue/domain/course.errors';
import { RegistryRepository } from '../registry/registry.repository';
import { CommunityClass, NewClass, checkNewClass, newClass } from './domain/community-class';
import { InvalidClassError } from './domain/class.errors';
import { classCreated } from './class.events';
import { ClassRepository } from './class.repository';

/** createClass: a community class of a commune, by a province admin or an officer of that commune. */
@Injectable()
export class CreateClassService {
  constructor(
    private readonly db: Database,
    private readonly classes: ClassRepository,
    private readonly courses: CourseRepository,
    private readonly registry: RegistryRepository,
    private readonly outbox: Outbox,
  ) {}

  async create(actor: Actor, input: NewClass, now = new Date()): Promise<CommunityClass> {
    const course = await this.courses.findById(input.courseId);
    if (!course) throw new CourseNotFoundError(input.courseId);
    if (course.status !== 'PUBLISHED') throw new CourseNotPublishedError(input.courseId);
    const problems = checkNewClass(input, course, await this.registry.findUnit(input.unitCode));
    if (problems.length > 0) throw new InvalidClassError(problems);
    await assertUnitInScope(actor, input.unitCode, this.registry);
    const cls = newClass(input, course, { id: randomUUID(), createdBy: actor.sub, now });
    await this.db.transaction(async (tx) => {
      await this.classes.insert(tx, cls);
      await this.outbox.enqueue(tx, classCreated(cls, course));
    });
    return cls;
  }
}
