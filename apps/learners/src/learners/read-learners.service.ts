import { Injectable } from '@nestjs/common';
import type { Actor } from '@bdhvs/auth';
import { Database } from '@bdhvs/service-runtime';
import { AgeBand, LearnerSource, TargetGroup, vietnamDate } from './domain/learner';
import {
  AccessReasonRequiredError,
  LearnerNotFoundError,
  RevealNotAllowedError,
} from './domain/learner.errors';
import { LearnerAccess, isPlatformOnly } from './learner-access';
import { AccessRecord, LearnerRepository, LearnerView } from './learner.repository';
import { RegistryContext } from './registry-context';

export interface SearchQuery {
  unit?: string;
  group?: TargetGroup;
  certified?: boolean;
  ageBand?: AgeBand;
  source?: LearnerSource;
  page: number;
  pageSize: number;
}

export interface ReadPurpose {
  /** Show the citizen ID in clear (province-admin only, with a reason). */
  reveal?: boolean;
  /** X-Access-Reason: why the personal data is read; kept in the access record. */
  reason?: string;
}

/**
 * Reads of learners. Each one leaves an access record (who, when, which learner, why) in the same
 * transaction as the read, so no personal data leaves without its trace.
 */
@Injectable()
export class ReadLearnersService {
  constructor(
    private readonly db: Database,
    private readonly learners: LearnerRepository,
    private readonly access: LearnerAccess,
    private readonly context: RegistryContext,
  ) {}

  async get(actor: Actor, id: string, purpose: ReadPurpose = {}): Promise<LearnerView> {
    if (purpose.reveal) assertMayReveal(actor, purpose.reason);
    return this.db.transaction(async (tx) => {
      const learner = await this.learners.findById(tx, id);
      if (!learner) throw new LearnerNotFoundError(id);
      await this.access.assertCanReach(actor, learner);
      await this.learners.recordAccess(tx, [
        record(actor, id, purpose.reveal ? 'reveal' : 'read', purpose.reason),
      ]);
      return learner;
    });
  }

  async search(
    actor: Actor,
    query: SearchQuery,
    reason?: string,
    now = new Date(),
  ): Promise<{ items: LearnerView[]; total: number }> {
    const unit = query.unit ?? actor.unit;
    if (unit) await this.access.assertUnitReachable(actor, unit);
    const found = await this.learners.search(
      {
        unitCodes: unit ? await this.context.codesWithin(unit) : undefined,
        group: query.group,
        certified: query.certified,
        ageBand: query.ageBand,
        source: query.source,
        today: vietnamDate(now),
        registeredBy: isPlatformOnly(actor) ? actor.sub : undefined,
      },
      query.page,
      query.pageSize,
    );
    await this.db.transaction((tx) =>
      this.learners.recordAccess(
        tx,
        found.items.map((l) => record(actor, l.id, 'search', reason)),
      ),
    );
    return found;
  }

  /** The data subject's export: everything held on the learner, in clear, with its history and access log. */
  async exportPersonalData(actor: Actor, id: string, reason: string | undefined) {
    assertMayReveal(actor, reason);
    const learner = await this.get(actor, id, { reason });
    await this.db.transaction((tx) => this.learners.recordAccess(tx, [record(actor, id, 'export', reason)]));
    return {
      learner,
      history: await this.learners.history(id),
      accessLog: await this.learners.accessLog(id),
    };
  }
}

export function assertMayReveal(actor: Actor, reason: string | undefined): void {
  if (!actor.roles.includes('province-admin'))
    throw new RevealNotAllowedError('Only a province-admin may see a citizen ID in clear.');
  if (!reason || !reason.trim()) throw new AccessReasonRequiredError();
}

function record(
  actor: Actor,
  learnerId: string,
  action: AccessRecord['action'],
  reason: string | undefined,
): AccessRecord {
  return { learnerId, actorSub: actor.sub, actorRoles: actor.roles, action, reason: reason?.trim() || null };
}
