export * from './infrastructure';
export * from './service-harness';
