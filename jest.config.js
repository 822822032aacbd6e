'use strict';
// One jest run for the whole repository: TypeScript is transformed by swc (no type-check here; `npm run
// typecheck` does that), and workspace packages resolve to their sources so tests never need a build first.
// Run it as `npm run jest -- [paths]`: that script sets --experimental-vm-modules, without which the OpenTelemetry
// exporters' dynamic import() fails inside jest's module sandbox and they silently send nothing.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/collectors', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    '^@lockstep/contract$': '<rootDir>/collectors/contract/src/index.ts',
    '^@lockstep/correlator$': '<rootDir>/collectors/correlator/src/index.ts',
    '^@lockstep/agent$': '<rootDir>/collectors/agent/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // One PostgreSQL server for the whole run, started only when a test asks for it (test/postgres-global.ts).
  globalSetup: '<rootDir>/test/postgres-global-setup.ts',
  globalTeardown: '<rootDir>/test/postgres-global-teardown.ts',
  // The browser harness's Grafana hosts each carry a full node_modules of their own (hundreds of MB).
  modulePathIgnorePatterns: ['<rootDir>/test/grafana/hosts/'],
};
