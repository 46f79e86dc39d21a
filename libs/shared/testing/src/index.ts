export * from './infrastructure';
export * from './service-harness';
export * from './barriers';
