import type { Config } from 'jest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** One jest project per workspace package that has a `test/` folder. */
const workspaces = [
  ...readdirSync(join(__dirname, 'packages')).map((name) => join('packages', name)),
  'infra-aws',
  'infra-gcp',
  'scripts',
].filter((dir) => existsSync(join(__dirname, dir, 'test')));

const config: Config = {
  testTimeout: 120_000,
  projects: workspaces.map((dir) => ({
    displayName: dir,
    rootDir: join(__dirname, dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.base.json') }],
    },
    moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  })),
};

export default config;
