// Three projects so each layer runs on its own: `--selectProjects unit|int|e2e`.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
}];
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@dew/([a-z0-9-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@dew/testing/decider$': '<rootDir>/libs/testing/src/decider-specification.ts',
    '^@dew/testing/dhsm$': '<rootDir>/libs/testing/src/dhsm/index.ts',
    '^@dew/testing/load$': '<rootDir>/libs/testing/src/load/index.ts',
    '^@dew/testing/chaos$': '<rootDir>/libs/testing/src/chaos/index.ts',
    '^@dew/testing/fuzz$': '<rootDir>/libs/testing/src/fuzz/index.ts',
    // Sub-path exports (package.json "exports"): the replay's worker threads import these alone.
    '^@dew/contracts/audit$': '<rootDir>/libs/contracts/src/audit.ts',
    '^@dew/event-sourcing/model-digest$': '<rootDir>/libs/event-sourcing/src/model-digest.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
};
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,deploy,apps}/**/*.unit.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{libs,services,deploy,apps}/**/*.int.spec.ts'],
      // SoftHSM loaded in a test process writes into a token directory of the run's own.
      globalSetup: '<rootDir>/libs/testing/src/softhsm-sandbox.ts',
      globalTeardown: '<rootDir>/libs/testing/src/leftover-processes.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{libs,services,deploy,apps}/**/*.e2e.spec.ts'],
      // One ledger for the whole e2e run: tests remember the secrets they used, every DewSystem keeps
      // its data dir and output there, and the teardown scans all of it for those secrets (and fails
      // the run on any hit) before deleting it. Both run whenever an e2e test runs, even a single file.
      globalSetup: '<rootDir>/libs/testing/src/secrets-ledger.ts',
      globalTeardown: '<rootDir>/libs/testing/src/secrets-scan.ts',
    },
  ],
};
