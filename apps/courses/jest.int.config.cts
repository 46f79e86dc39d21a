module.exports = {
  displayName: 'courses-int',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/shared/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/shared/testing/src/global-teardown.ts',
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120_000,
};
