import { createHash, randomUUID } from 'node:crypto';
import type { IHeaders, KafkaMessage } from 'kafkajs';

/** An event as the services see it: CloudEvents 1.0 attributes plus the JSON data. */
export interface CloudEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  time: string;
  subject?: string;
  traceparent?: string;
  data: T;
}

export const CE_SPECVERSION = '1.0';

/** CloudEvents Kafka protocol binding, binary mode: attributes in `ce_*` headers, data as the value. */
export function toKafkaHeaders(event: Omit<CloudEvent, 'data'>): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: CE_SPECVERSION,
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    'content-type': 'application/json',
  };
  if (event.subject) headers['ce_subject'] = event.subject;
  if (event.traceparent) headers['traceparent'] = event.traceparent;
  return headers;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined || value === null) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

export class UndecodableMessageError extends Error {}

/** The longest `ce_id` taken: inboxes, review queues and documents keep event ids, bounded by it. */
export const MAX_EVENT_ID_LENGTH = 200;

/**
 * Reads a message in binary mode. A message without CloudEvents headers (the VNeID adapter's plain
 * JSON) is identified by a hash of its bytes: the same message redelivered, or sent again, is recognised
 * as such, even on a topic that was recreated (where offsets start again at 0).
 */
export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): CloudEvent {
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    throw new UndecodableMessageError('value is not JSON');
  }
  const id = headerText(message.headers, 'ce_id');
  if (id !== undefined && id.length > MAX_EVENT_ID_LENGTH)
    throw new UndecodableMessageError(`ce_id is longer than ${MAX_EVENT_ID_LENGTH} characters`);
  return {
    id:
      id ??
      `sha256:${createHash('sha256')
        .update(message.value ?? Buffer.alloc(0))
        .digest('hex')}`,
    type: headerText(message.headers, 'ce_type') ?? topic,
    source: headerText(message.headers, 'ce_source') ?? 'external',
    time: headerText(message.headers, 'ce_time') ?? new Date(Number(message.timestamp)).toISOString(),
    subject: headerText(message.headers, 'ce_subject'),
    traceparent: headerText(message.headers, 'traceparent'),
    data,
  };
}

export function newEventId(): string {
  return randomUUID();
}
