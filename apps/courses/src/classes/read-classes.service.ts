import { Injectable } from '@nestjs/common';
import { CommunityClass } from './domain/community-class';
import { ClassNotFoundError } from './domain/class.errors';
import { ClassRepository } from './class.repository';

/** getClass and listClasses: community classes are public information within the platform. */
@Injectable()
export class ReadClassesService {
  constructor(private readonly classes: ClassRepository) {}

  async get(classId: string): Promise<CommunityClass> {
    const cls = await this.classes.find(classId);
    if (!cls) throw new ClassNotFoundError(classId);
    return cls;
  }

  list(filter: { unitCode?: string; courseId?: string; limit: number }): Promise<CommunityClass[]> {
    return this.classes.list({
      unitCodes: filter.unitCode ? [filter.unitCode] : undefined,
      courseId: filter.courseId,
      limit: filter.limit,
    });
  }
}
