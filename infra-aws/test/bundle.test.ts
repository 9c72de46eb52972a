import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleEntry } from '../src/bundle';

// The shared temp folder of the attack: bundleEntry's tmpdir() answers with the test's directory.
jest.mock('node:os', () => ({ ...jest.requireActual<typeof import('node:os')>('node:os'), tmpdir: jest.fn() }));
const realTmp = jest.requireActual<typeof import('node:os')>('node:os').tmpdir();

/** A small entry file, so the test bundles in milliseconds. */
const ENTRY = join(__dirname, '../../packages/config/src/index.ts');

describe('bundleEntry on a shared host', () => {
  let sharedTmp: string;
  let attacker: string;

  beforeEach(() => {
    // A stand-in for /tmp that another local user can write to, and a directory that user controls.
    sharedTmp = mkdtempSync(join(realTmp, 'shared-tmp-'));
    attacker = mkdtempSync(join(realTmp, 'attacker-'));
    jest.mocked(tmpdir).mockReturnValue(sharedTmp);
  });
  afterEach(() => {
    rmSync(sharedTmp, { recursive: true, force: true });
    rmSync(attacker, { recursive: true, force: true });
  });

  it('builds into a fresh directory of its own: mode 0700, a real directory, never a planted link', () => {
    // The attacker plants links and directories at every name the previous layout used.
    symlinkSync(attacker, join(sharedTmp, 'labs-bundles'));
    mkdirSync(join(sharedTmp, 'labs-bundle-'), { mode: 0o777 });
    const dir = bundleEntry(ENTRY);
    expect(dirname(dir)).toBe(sharedTmp);
    const stat = lstatSync(dir);
    expect(stat.isDirectory()).toBe(true);
    expect(stat.isSymbolicLink()).toBe(false);
    expect(stat.mode & 0o777).toBe(0o700);
    expect(stat.uid).toBe(process.getuid?.());
    expect(readdirSync(attacker)).toEqual([]);
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toMatch(/labs-env/);
    expect(lstatSync(join(dir, 'index.js')).mode & 0o777).toBe(0o644);
  });

  it('never writes through a symlink planted where the bundle goes', () => {
    const victim = join(attacker, 'victim.txt');
    writeFileSync(victim, 'precious');
    // The previous layout was predictable: labs-bundles/<first 16 hex of the code's sha256>/index.js.
    const code = readFileSync(join(bundleEntry(ENTRY), 'index.js'));
    rmSync(join(sharedTmp, 'labs-bundles'), { recursive: true, force: true });
    const predicted = join(sharedTmp, 'labs-bundles', createHash('sha256').update(code).digest('hex').slice(0, 16));
    mkdirSync(predicted, { recursive: true });
    symlinkSync(victim, join(predicted, 'index.js'));
    const dir = bundleEntry(ENTRY);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(dir).not.toBe(predicted);
    expect(lstatSync(join(dir, 'index.js')).isFile()).toBe(true);
  });

  it('gives every build its own directory, even for identical code', () => {
    const first = bundleEntry(ENTRY);
    const second = bundleEntry(ENTRY);
    expect(second).not.toBe(first);
    expect(readFileSync(join(second, 'index.js'))).toEqual(readFileSync(join(first, 'index.js')));
  });

  it('targets the Node.js major it is told (Lambda and the instances run Node 24)', () => {
    const dir = bundleEntry(join(__dirname, 'fixtures', 'optional-catch.ts'), { nodeMajor: 8 });
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toMatch(/catch\s*\(\w+\)/);
    const modern = bundleEntry(join(__dirname, 'fixtures', 'optional-catch.ts'));
    expect(readFileSync(join(modern, 'index.js'), 'utf8')).toMatch(/catch\s*\{/);
  });
});
