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

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcConfig] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 20000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/jest-summary-reporter.js'],
};
