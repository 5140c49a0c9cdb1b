/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/test/environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  testSequencer: '<rootDir>/test/sequencer.js',
  // A ceiling that only catches a hang: tests wait for events, never for the clock, and a
  // shared 2-core machine may be ten times slower than an idle one. Above the ceiling of a
  // single wait (test/support/hang-ceiling.ts), so a hung wait fails with its own message.
  testTimeout: 900000,
  maxWorkers: 2,
  // A worker whose heap outgrows this after a test file is replaced by a fresh one. Without it a
  // worker ends the run holding ~1 GB, and freeing that alone can take longer than the 500 ms
  // jest-worker grants a worker to exit ("A worker process has failed to exit gracefully"),
  // though nothing is left open; test/environment.js makes the rest of the exit prompt.
  workerIdleMemoryLimit: '400MB',
  // @grafana/data's CommonJS build require()s packages that ship only ES modules (marked 16,
  // d3-* 3.x), which jest's CommonJS runtime cannot load: point exactly those names at the
  // UMD builds they also ship. Only @grafana/data requires these names, so no other suite
  // is affected.
  moduleNameMapper: {
    '^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js',
    '^d3-(color|interpolate|scale-chromatic)$': '<rootDir>/node_modules/d3-$1/dist/d3-$1.min.js',
  },
};
