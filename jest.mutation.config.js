// The suites Stryker runs against each mutant: the fast unit and application tests (no servers, no sockets).
// MUTATION_TESTS narrows them further (comma-separated folders under test/), for incremental runs on changed files.
const base = require('./jest.config.js');

const folders = (process.env.MUTATION_TESTS ?? 'unit,application').split(',').map((name) => name.trim());
const shared = base.projects[0];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  testEnvironment: shared.testEnvironment,
  roots: ['<rootDir>/test'],
  transform: shared.transform,
  transformIgnorePatterns: shared.transformIgnorePatterns,
  testMatch: folders.map((folder) => `<rootDir>/test/${folder}/**/*.test.ts`),
};
