import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Topics, UnitRegisteredV1 } from '@bdhvs/events';
import { CloudEvent, InboxContext } from '@bdhvs/messaging';
import { RecordUnitsService } from './record-units.service';

@Controller()
export class UnitsConsumer {
  constructor(private readonly units: RecordUnitsService) {}

  @EventPattern(Topics.unitRegistered)
  record(@Payload() events: CloudEvent<UnitRegisteredV1>[], @Ctx() { tx }: InboxContext) {
    return this.units.record(
      tx,
      events.map((e) => e.data),
    );
  }
}
