/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // The run ends when the tests do, whatever failed: a suite that failed half-way may leave a server, a browser or a
  // child process open, and the suites close what they open, but an open handle must never keep CI waiting.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
};
