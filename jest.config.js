// Middy is published as ES modules only, so the tests run as native ES modules
// (node --experimental-vm-modules) with ts-jest emitting ESM.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 30_000,
};
