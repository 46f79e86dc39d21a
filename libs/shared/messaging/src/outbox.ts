import type { EntityManager } from 'typeorm';
import { SCHEMA_REVISIONS, Topic, assertEventPayload } from '@bdhvs/events';
import { currentTrace, formatTraceparent, newTraceContext } from '@bdhvs/service-runtime';
import { newEventId, toKafkaHeaders } from './cloud-event';

export interface OutgoingEvent<T> {
  topic: string;
  /** Partition key: keeps one learner's (or one unit's) events in order. Never a citizen ID in clear. */
  key: string;
  subject?: string;
  data: T;
  /** Defaults to now; pass the business time when the event restates one. */
  time?: Date;
}

/**
 * Writes events in the caller's transaction; the relay publishes them after commit. Feature code never
 * touches the producer, so a state change and its event are saved or lost together.
 */
export class Outbox {
  constructor(
    private readonly source: string,
    private readonly onEnqueued: () => void = () => undefined,
  ) {}

  async enqueue<T>(tx: EntityManager, event: OutgoingEvent<T>): Promise<string> {
    const [id] = await this.enqueueAll(tx, [event]);
    return id;
  }

  async enqueueAll<T>(tx: EntityManager, events: OutgoingEvent<T>[]): Promise<string[]> {
    if (events.length === 0) return [];
    const trace = currentTrace();
    const ids: string[] = [];
    const values: unknown[] = [];
    const rows = events.map((event, i) => {
      // A producer bug fails its own transaction here instead of poisoning every consumer.
      if (event.topic in SCHEMA_REVISIONS) assertEventPayload(event.topic as Topic, event.data);
      const id = newEventId();
      ids.push(id);
      const headers = toKafkaHeaders({
        id,
        type: event.topic,
        source: this.source,
        time: (event.time ?? new Date()).toISOString(),
        subject: event.subject,
        traceparent: formatTraceparent(newTraceContext(trace)),
      });
      values.push(id, event.topic, event.key, JSON.stringify(event.data), JSON.stringify(headers));
      const b = i * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
    });
    await tx.query(`INSERT INTO outbox (id, topic, key, payload, headers) VALUES ${rows.join(', ')}`, values);
    // The relay is nudged after commit; if the transaction rolls back it simply finds nothing.
    setImmediate(this.onEnqueued);
    return ids;
  }
}
