import type { EntityManager } from 'typeorm';
import { SCHEMA_REVISIONS, Topic, assertEventPayload } from '@bdhvs/events';
import { TraceContext, currentTrace, formatTraceparent, newTraceContext } from '@bdhvs/service-runtime';
import { newEventId, toKafkaHeaders } from './cloud-event';

export interface OutgoingEvent<T> {
  topic: string;
  /** Partition key: keeps one learner's (or one unit's) events in order. Never a citizen ID in clear. */
  key: string;
  subject?: string;
  data: T;
  /** Defaults to now; pass the business time when the event restates one. */
  time?: Date;
  /** The trace this event continues; defaults to the current one (a batch applies many callers' events). */
  trace?: TraceContext;
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
    const current = currentTrace();
    const rows = events.map((event) => {
      // A producer bug fails its own transaction here instead of poisoning every consumer.
      if (event.topic in SCHEMA_REVISIONS) assertEventPayload(event.topic as Topic, event.data);
      const id = newEventId();
      const headers = toKafkaHeaders({
        id,
        type: event.topic,
        source: this.source,
        time: (event.time ?? new Date()).toISOString(),
        subject: event.subject,
        traceparent: formatTraceparent(newTraceContext(event.trace ?? current)),
      });
      return {
        id,
        topic: event.topic,
        key: event.key,
        payload: JSON.stringify(event.data),
        headers: JSON.stringify(headers),
      };
    });
    // One statement for any number of events; seq keeps their order.
    await tx.query(
      `INSERT INTO outbox (id, topic, key, payload, headers)
       SELECT id, topic, key, payload::jsonb, headers::jsonb
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
              AS t(id, topic, key, payload, headers, n) ORDER BY n`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map((r) => r.payload),
        rows.map((r) => r.headers),
      ],
    );
    // The relay is nudged after commit; if the transaction rolls back it simply finds nothing.
    setImmediate(this.onEnqueued);
    return rows.map((r) => r.id);
  }
}
