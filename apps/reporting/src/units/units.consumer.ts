import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Topics, UnitRegisteredV1 } from '@bdhvs/events';
import { CloudEvent, EventHandler } from '@bdhvs/messaging';
import { UnitHierarchyRepository } from './unit-hierarchy.repository';

@Injectable()
export class UnitRegisteredConsumer implements EventHandler<typeof Topics.unitRegistered> {
  readonly topic = Topics.unitRegistered;

  constructor(private readonly units: UnitHierarchyRepository) {}

  apply(tx: EntityManager, event: CloudEvent<UnitRegisteredV1>): Promise<void> {
    return this.units.upsert(tx, event.data);
  }
}
