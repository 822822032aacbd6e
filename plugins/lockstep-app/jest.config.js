// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // d3's packages ship `.mjs` only; the scaffold's transform matches .js/.ts only.
  transform: {
    ...base.transform,
    '^.+\\.mjs$': ['@swc/jest', {}],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/harness/'],
};
