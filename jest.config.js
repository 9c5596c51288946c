// Silence the AWS SDK's Node-20 notice in test output (SDK releases after Jan 2027 need Node 22).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const swcConfig = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

// Jest on Node 20 cannot require(esm); these packages ship ESM only and are transpiled instead.
const esmOnly = ['inversify', '@inversifyjs', 'jose', 'agenda', '@agendajs'];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcConfig] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/jest-summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'default', testMatch: ['**/*.test.ts'] },
    // The identity HTTP tests again, unchanged, on the Mongo profile (real driver, in-process wire server).
    {
      ...shared,
      displayName: 'e2e-mongo',
      testMatch: [
        '<rootDir>/test/e2e/identity/**/*.test.ts',
        '<rootDir>/test/e2e/patients/**/*.test.ts',
        '<rootDir>/test/e2e/schedules/**/*.test.ts',
        '<rootDir>/test/e2e/conversations/**/*.test.ts',
        '<rootDir>/test/e2e/alerts/**/*.test.ts',
        '<rootDir>/test/e2e/emergency-phrases/**/*.test.ts',
        '<rootDir>/test/e2e/reports/**/*.test.ts',
        '<rootDir>/test/e2e/privacy/**/*.test.ts',
      ],
      setupFiles: ['<rootDir>/test/support/mongo-profile.js'],
    },
  ],
};
