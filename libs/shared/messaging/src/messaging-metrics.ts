import { Counter, Gauge } from 'prom-client';

export const outboxBacklog = new Gauge({ name: 'outbox_backlog', help: 'Outbox rows not yet published' });
export const outboxPublished = new Counter({
  name: 'outbox_published_total',
  help: 'Outbox rows published',
  labelNames: ['topic'],
});
export const consumerLag = new Gauge({
  name: 'kafka_consumer_lag',
  help: 'Messages between the consumed offset and the end of the partition',
  labelNames: ['topic', 'partition'],
});
export const eventsApplied = new Counter({
  name: 'events_applied_total',
  help: 'Events applied',
  labelNames: ['topic'],
});
export const eventsDuplicate = new Counter({
  name: 'events_duplicate_total',
  help: 'Redelivered events skipped by the inbox',
  labelNames: ['topic'],
});
export const deadLettered = new Counter({
  name: 'dlq_messages_total',
  help: 'Messages sent to a dead-letter topic',
  labelNames: ['topic'],
});
