import type { Config } from 'jest';
import { readdirSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
  /**
   * At least two test files at a time. Jest's default (cores − 1) runs the suite in band, one file after
   * the other, on a 2-core machine, though most files spend their time waiting on child processes (cdk,
   * tsx, emulators, ffmpeg): 2 workers ran a 34-file sample in 122 s instead of 265 s here.
   */
  maxWorkers: Math.max(2, availableParallelism() - 1),
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
