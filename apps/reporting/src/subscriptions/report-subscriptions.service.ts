import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { UnknownUnitError } from '../indicators/domain/indicator.errors';
import { SubscriptionNotFoundError } from './domain/subscription.errors';
import { ReportSubscriptionEntity } from './subscription.entity';
import { SubscriptionRepository } from './subscription.repository';
import {
  CreatedReportSubscriptionDto,
  ReportDeliveryDto,
  ReportSubscriptionDto,
} from './dto/subscription.dto';

/** subscribeReportEvents and its reads; `announce` queues the deliveries of a report event. */
@Injectable()
export class ReportSubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly units: UnitHierarchyRepository,
  ) {}

  async subscribe(actor: Actor, unitCode: string, url: string): Promise<CreatedReportSubscriptionDto> {
    if (!(await this.units.find(unitCode))) throw new UnknownUnitError(unitCode, 'unitCode');
    await assertUnitInScope(actor, unitCode, this.units);
    const subscription: ReportSubscriptionEntity = {
      id: randomUUID(),
      subscriber: actor.sub,
      unitCode,
      url,
      secret: randomBytes(32).toString('base64url'),
      createdAt: new Date(),
      active: true,
    };
    await this.subscriptions.create(subscription);
    return { ...toDto(subscription), secret: subscription.secret };
  }

  async list(actor: Actor): Promise<ReportSubscriptionDto[]> {
    return (await this.subscriptions.listOf(isProvinceAdmin(actor) ? null : actor.sub)).map(toDto);
  }

  async unsubscribe(actor: Actor, id: string): Promise<void> {
    await this.owned(actor, id);
    await this.subscriptions.deactivate(id);
  }

  async deliveries(actor: Actor, id: string, limit: number): Promise<ReportDeliveryDto[]> {
    await this.owned(actor, id);
    return (await this.subscriptions.deliveriesOf(id, limit)).map((d) => ({
      id: d.id,
      eventType: d.eventType,
      payload: d.payload,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    }));
  }

  /** Queues `eventType` for every subscription to the unit or a unit above it, in the caller's transaction. */
  async announce(tx: EntityManager, unitCode: string, eventType: string, payload: Record<string, unknown>) {
    await this.subscriptions.enqueue(tx, await this.units.upwardsFrom(unitCode), eventType, {
      type: eventType,
      ...payload,
    });
  }

  private async owned(actor: Actor, id: string): Promise<ReportSubscriptionEntity> {
    const subscription = await this.subscriptions.find(id);
    if (!subscription || !subscription.active) throw new SubscriptionNotFoundError(id);
    if (subscription.subscriber !== actor.sub && !isProvinceAdmin(actor))
      throw new SubscriptionNotFoundError(id);
    return subscription;
  }
}

function isProvinceAdmin(actor: Actor): boolean {
  return actor.roles.includes('province-admin') && !actor.unit;
}

function toDto(s: ReportSubscriptionEntity): ReportSubscriptionDto {
  return { id: s.id, unitCode: s.unitCode, url: s.url, createdAt: s.createdAt.toISOString() };
}
