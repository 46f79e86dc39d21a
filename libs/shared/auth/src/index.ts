export * from './actor';
export * from './auth.guards';
export * from './auth.module';
export * from './jwt.strategy';
export * from './unit-scope';
export * from './unit-scope.guard';
