export * from './topics';
export * from './learner-key';
export * from './handover-seal';
export * from './payloads';
export * from './schema-registry';
export * from './schema-compatibility';
