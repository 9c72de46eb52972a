#!/usr/bin/env node
/*
 * Recording stand-in for `cdk` and `pulumi` (installed on PATH under both names by the tests).
 * Appends { tool, args, cwd, env } to $LABS_STANDIN_DIR/calls.jsonl, keeps the deployed stacks in
 * $LABS_STANDIN_DIR/state.json (what `cdk deploy`/`pulumi up` create and `destroy`/`stack rm` remove),
 * and fails on purpose when $LABS_STANDIN_FAIL matches the joined arguments. $LABS_STANDIN_DELAY_MS makes
 * each deploy/destroy/up take that long (a class run's deployments overlap in that time), and every call's
 * start and end go to $LABS_STANDIN_DIR/spans.jsonl. The state file is updated under a lock, so parallel
 * runs never lose each other's stacks.
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.LABS_STANDIN_DIR;
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const statePath = path.join(dir, 'state.json');
const started = Date.now();
process.on('exit', (code) => {
  fs.appendFileSync(path.join(dir, 'spans.jsonl'), `${JSON.stringify({ tool, args, start: started, end: Date.now(), code })}\n`);
  fs.rmSync(path.join(dir, 'state.lock'), { recursive: true, force: true });
});
const env = Object.fromEntries(
  ['AWS_REGION', 'CDK_DEFAULT_REGION', 'PULUMI_BACKEND_URL', 'CI']
    .filter((k) => process.env[k] !== undefined)
    .map((k) => [k, process.env[k]]),
);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), `${JSON.stringify({ tool, args, cwd: process.cwd(), env })}\n`);
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
if (['deploy', 'destroy', 'up'].includes(args[0])) pause(Number(process.env.LABS_STANDIN_DELAY_MS ?? 0));
// Take the state lock (a directory: mkdir is atomic), then read the state others may have changed meanwhile.
for (;;) {
  try {
    fs.mkdirSync(path.join(dir, 'state.lock'));
    break;
  } catch {
    pause(5);
  }
}
const state = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, 'utf8')) : { stacks: {} };

const save = () => fs.writeFileSync(statePath, JSON.stringify(state));
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const context = (key) =>
  args.map((a, i) => (args[i - 1] === '-c' && a.startsWith(`${key}=`) ? a.slice(key.length + 1) : undefined)).find(Boolean);

if (process.env.LABS_STANDIN_FAIL && args.join(' ').includes(process.env.LABS_STANDIN_FAIL)) {
  process.stderr.write(`❌ ${args[1] ?? ''} failed: AccessDenied: User is not authorized to perform: cloudformation:CreateStack\n`);
  process.exit(1);
}

if (tool === 'cdk') {
  const stack = args[1];
  if (args[0] === 'deploy') {
    state.stacks[stack] = { cloud: 'aws', owner: context('owner'), expiresAt: context('expiresAt') };
    process.stdout.write(`${stack}: deploying...\n ✅  ${stack}\n`);
  } else if (args[0] === 'destroy') {
    delete state.stacks[stack];
    process.stdout.write(` ✅  ${stack}: destroyed\n`);
  }
  save();
  process.exit(0);
}

// pulumi
const [a0, a1] = args;
if (a0 === 'stack' && a1 === 'select') {
  const name = args[args.indexOf('--create') + 1];
  if (!state.stacks[name]) state.stacks[name] = { cloud: 'gcp', resources: 0 };
} else if (a0 === 'config' && a1 === 'set-all') {
  const stack = state.stacks[flag('--stack')];
  args.forEach((arg, i) => {
    if (args[i - 1] !== '--plaintext') return;
    const [key, ...rest] = arg.split('=');
    stack[key] = rest.join('=');
  });
} else if (a0 === 'up') {
  const stack = state.stacks[flag('--stack')];
  stack.resources = 4;
  process.stdout.write(`Updating (${flag('--stack')})\nResources:\n    + 4 created\n`);
} else if (a0 === 'destroy') {
  state.stacks[flag('--stack')].resources = 0;
  process.stdout.write('Resources:\n    - 4 deleted\n');
} else if (a0 === 'stack' && a1 === 'rm') {
  delete state.stacks[args[3]];
} else if (a0 === 'stack' && a1 === 'ls') {
  const rows = Object.entries(state.stacks)
    .filter(([, s]) => s.cloud === 'gcp')
    .map(([name, s]) => ({ name, current: false, updateInProgress: false, resourceCount: s.resources }));
  process.stdout.write(JSON.stringify(rows));
} else if (a0 === 'stack' && a1 === 'output') {
  const s = state.stacks[flag('--stack')];
  process.stdout.write(JSON.stringify({ expiresAt: s['labs:expiresAt'], labels: { 'labs-owner': s['labs:owner'] } }));
}
save();
