export * from './bootstrap';
export * from './database';
export * from './metrics';
export * from './public.decorator';
export * from './service-config';
export * from './service-runtime.module';
export * from './tokens';
export * from './trace-context';
