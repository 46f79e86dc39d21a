export * from './client-errors';
export * from './input-rules';
export * from './problem-details';
export * from './problem-details.filter';
export * from './validation';
