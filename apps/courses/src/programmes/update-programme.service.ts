import { Injectable } from '@nestjs/common';
import type { Actor } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { CompetencyFramework } from '../competencies/competency-framework';
import { Programme, ProgrammeRevision, checkRevision, revise } from './domain/programme';
import {
  InvalidProgrammeError,
  ProgrammeNotFoundError,
  ProgrammeVersionConflictError,
} from './domain/programme.errors';
import { ProgrammeRepository } from './programme.repository';

/** updateProgramme: a province admin edits a programme; the edit is a new version, the old ones stay. */
@Injectable()
export class UpdateProgrammeService {
  constructor(
    private readonly db: Database,
    private readonly programmes: ProgrammeRepository,
    private readonly framework: CompetencyFramework,
  ) {}

  async update(
    actor: Actor,
    code: string,
    revision: ProgrammeRevision,
    now = new Date(),
  ): Promise<Programme> {
    const problems = checkRevision(revision, (c) => this.framework.has(c));
    if (problems.length > 0) throw new InvalidProgrammeError(problems);
    return this.db.transaction(async (tx) => {
      const current = await this.programmes.lockCurrent(tx, code);
      if (!current) throw new ProgrammeNotFoundError(code);
      if (current.version !== revision.baseVersion)
        throw new ProgrammeVersionConflictError(code, current.version);
      const next = revise(current, revision, actor.sub, now);
      await this.programmes.saveVersion(tx, next);
      return next;
    });
  }
}
