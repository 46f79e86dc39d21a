export * from './cloud-event';
export * from './inbox-transport';
export * from './kafka-connection';
export * from './messaging-metrics';
export * from './messaging-tables.migration';
export * from './messaging.module';
export * from './outbox';
export * from './outbox-relay';
