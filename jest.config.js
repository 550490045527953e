// One jest for the whole repo; each tier is a project so CI can count them together.
const swc = ['@swc/jest', JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc.jest.json', 'utf8'))];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@streetgrid/geo$': '<rootDir>/geo/src/index.ts',
    '^@streetgrid/api$': '<rootDir>/api/src/index.ts',
    '^@streetgrid/api/(.*)$': '<rootDir>/api/src/$1',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/jest.exitcode.js'],
};
module.exports = {
  // Two workers even on two cores: most suites wait on PostgreSQL, a browser or a timer, not on jest's own CPU
  // (jest on 2 vCPUs, before the mutation matrix's fix: 31 min in one worker, 26 in two; BENCHMARKS.md, "The test run").
  maxWorkers: Math.max(2, require('os').availableParallelism() - 1),
  reporters: ['default', '<rootDir>/jest.exit-reporter.js'],
  projects: [
    { ...common, displayName: 'geo', testMatch: ['<rootDir>/geo/src/**/*.test.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/api/src/**/*.test.ts'] },
    { ...common, displayName: 'scripts', testMatch: ['<rootDir>/scripts/src/**/*.test.ts'] },
    { ...common, displayName: 'web', testMatch: ['<rootDir>/web/src/**/*.test.{ts,tsx}'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/api/__integration-tests__/**/*.test.ts', '<rootDir>/scripts/__integration-tests__/**/*.test.ts'],
      globalSetup: '<rootDir>/api/__integration-tests__/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/jest.exitcode.js', '<rootDir>/jest.timeout.js', '<rootDir>/jest.storage.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest.exitcode.js', '<rootDir>/jest.timeout.js', '<rootDir>/jest.storage.js'],
    },
  ],
};
