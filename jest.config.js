/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  // A ceiling that only catches a hang: tests wait for events, never for the clock, and a
  // shared 2-core machine may be several times slower than an idle one.
  testTimeout: 600000,
  maxWorkers: 2,
};
