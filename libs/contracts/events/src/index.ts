export * from './topics';
export * from './payloads';
export * from './schema-registry';
export * from './schema-compatibility';
