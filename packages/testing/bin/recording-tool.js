#!/usr/bin/env node
/*
 * Recording stand-in for `cdk` and `pulumi` (installed on PATH under both names by the tests).
 * Appends { tool, args, cwd, env } to $LABS_STANDIN_DIR/calls.jsonl, keeps the deployed CDK stacks in
 * $LABS_STANDIN_DIR/state.json (what `cdk deploy` creates and `cdk destroy` removes; a stack whose
 * `status` is DELETE_FAILED stays so until the next destroy), emulates a self-managed Pulumi backend
 * (below), and fails on purpose when $LABS_STANDIN_FAIL matches the joined arguments.
 * $LABS_STANDIN_DELAY_MS makes each deploy/destroy/up take that long (a class run's deployments overlap
 * in that time); $LABS_STANDIN_HOLD names a file each deploy/destroy/up waits for (at most 60 s), so a
 * test decides when they end, whatever the machine's speed; every call's start and end go to
 * $LABS_STANDIN_DIR/spans.jsonl. The state file is
 * read and written under a lock, so parallel runs never lose each other's stacks.
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
// Whether a passphrase reached the tool (never its value).
if (process.env.PULUMI_CONFIG_PASSPHRASE !== undefined || process.env.PULUMI_CONFIG_PASSPHRASE_FILE) env.PULUMI_CONFIG_PASSPHRASE = 'set';
fs.appendFileSync(path.join(dir, 'calls.jsonl'), `${JSON.stringify({ tool, args, cwd: process.cwd(), env })}\n`);
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
if (['deploy', 'destroy', 'up'].includes(args[0])) {
  pause(Number(process.env.LABS_STANDIN_DELAY_MS ?? 0));
  const hold = process.env.LABS_STANDIN_HOLD;
  for (const until = Date.now() + 60_000; hold && !fs.existsSync(hold) && Date.now() < until;) pause(20);
}
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

// Written to a temporary file and renamed over the state, so a reader never sees a half-written file.
const save = () => {
  fs.writeFileSync(`${statePath}.${process.pid}`, JSON.stringify(state));
  fs.renameSync(`${statePath}.${process.pid}`, statePath);
};
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

// Fails the first matching call only, the way a grant on a service account created a moment ago fails.
const failOnce = process.env.LABS_STANDIN_FAIL_ONCE;
const failedOnce = path.join(dir, 'failed-once');
if (failOnce && args.join(' ').includes(failOnce) && !fs.existsSync(failedOnce)) {
  fs.writeFileSync(failedOnce, '');
  process.stderr.write(
    'error: googleapi: Error 400: Service account bqml-alice@my-proj.iam.gserviceaccount.com does not exist., badRequest\n',
  );
  process.exit(1);
}

if (tool === 'cdk') {
  const stack = args[1];
  if (args[0] === 'deploy') {
    state.stacks[stack] = { cloud: 'aws', owner: context('owner'), expiresAt: context('expiresAt'), sink: context('sink') };
    process.stdout.write(`${stack}: deploying...\n ✅  ${stack}\n`);
  } else if (args[0] === 'destroy') {
    if (process.env.LABS_STANDIN_DELETE_FAILS === stack) {
      state.stacks[stack].status = 'DELETE_FAILED';
      save();
      process.stderr.write(`❌ ${stack}: destroy failed: DELETE_FAILED: AccessDenied\n`);
      process.exit(1);
    }
    delete state.stacks[stack];
    process.stdout.write(` ✅  ${stack}: destroyed\n`);
  }
  save();
  process.exit(0);
}

// pulumi: a self-managed backend (PULUMI_BACKEND_URL) holding checkpoints in Pulumi's own layout,
// `.pulumi/stacks/labs-gcp/<stack>.json`, so that the CLI can read them without a pulumi process.
// `gs://<bucket>` lives in $LABS_STANDIN_DIR/gcs/<bucket> and exists only once created (the
// foundation's `up` creates `<project>-labs-state`); the local stack config cache is
// $LABS_STANDIN_DIR/stack-config/<stack>.json.
const fail = (message) => {
  process.stderr.write(`error: ${message}\n`);
  process.exit(255);
};
if (args[0] === 'version') {
  process.stdout.write('v3.248.0\n');
  process.exit(0);
}
const backendUrl = process.env.PULUMI_BACKEND_URL;
if (!backendUrl) fail('PULUMI_BACKEND_URL is not set and no login found');
let root;
if (backendUrl.startsWith('file://')) {
  root = backendUrl.slice('file://'.length);
  fs.mkdirSync(root, { recursive: true });
} else if (backendUrl.startsWith('gs://')) {
  root = path.join(dir, 'gcs', backendUrl.slice('gs://'.length));
  if (!fs.existsSync(root))
    fail(`failed to load checkpoint: blob (key ".pulumi/meta.yaml") (code=NotFound): storage: bucket doesn't exist`);
} else fail(`unsupported backend ${backendUrl}`);
const stacksDir = path.join(root, '.pulumi', 'stacks', 'labs-gcp');
const checkpointPath = (stack) => path.join(stacksDir, `${stack}.json`);
const readCheckpoint = (stack) =>
  fs.existsSync(checkpointPath(stack)) ? JSON.parse(fs.readFileSync(checkpointPath(stack), 'utf8')) : undefined;
const writeCheckpoint = (stack, checkpoint) => {
  fs.mkdirSync(stacksDir, { recursive: true });
  fs.writeFileSync(checkpointPath(stack), JSON.stringify(checkpoint));
};
const configDir = path.join(dir, 'stack-config');
const configPath = (stack) => path.join(configDir, `${stack}.json`);
const readConfig = (stack) => (fs.existsSync(configPath(stack)) ? JSON.parse(fs.readFileSync(configPath(stack), 'utf8')) : {});
const writeConfig = (stack, config) => {
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(configPath(stack), JSON.stringify(config));
};
const stackArg = flag('--stack');
const need = (stack) => readCheckpoint(stack) ?? fail(`no stack named '${stack}' found`);
const secrets = (checkpoint) => {
  const provider = checkpoint?.checkpoint?.latest?.secrets_providers?.type ?? checkpoint?.secretsProvider ?? 'passphrase';
  if (provider === 'passphrase' && process.env.PULUMI_CONFIG_PASSPHRASE === undefined && !process.env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    fail('passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables');
  }
};
const labelValue = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 63);
/** The stack outputs the real program would export for this config. */
const outputsOf = (config) =>
  config['labs:foundation'] === 'true'
    ? { stateBucketName: `${config['gcp:project']}-labs-state`, federationGeneration: config['labs:federationGeneration'] }
    : {
        lab: config['labs:lab'],
        env: config['labs:env'],
        owner: config['labs:owner'],
        expiresAt: config['labs:expiresAt'],
        labels: { 'labs-owner': labelValue(config['labs:owner'] ?? '') },
      };
const stackResource = (stack, outputs) => ({
  urn: `urn:pulumi:${stack}::labs-gcp::pulumi:pulumi:Stack::labs-gcp-${stack}`,
  custom: false,
  type: 'pulumi:pulumi:Stack',
  outputs,
});

const [a0, a1] = args;
if (a0 === 'stack' && a1 === 'select') {
  const name = args.includes('--create') ? args[args.indexOf('--create') + 1] : args[2];
  if (!readCheckpoint(name)) {
    if (!args.includes('--create')) fail(`no stack named '${name}' found`);
    const provider = flag('--secrets-provider') ?? 'passphrase';
    writeCheckpoint(name, { version: 3, checkpoint: { stack: `organization/labs-gcp/${name}`, latest: null }, secretsProvider: provider });
  }
} else if (a0 === 'config' && a1 === 'set-all') {
  secrets(need(stackArg));
  const config = readConfig(stackArg);
  args.forEach((arg, i) => {
    if (args[i - 1] !== '--plaintext') return;
    const [key, ...rest] = arg.split('=');
    config[key] = rest.join('=');
  });
  writeConfig(stackArg, config);
} else if (a0 === 'config' && a1 === 'refresh') {
  const checkpoint = need(stackArg);
  secrets(checkpoint);
  if (!checkpoint.checkpoint.latest) fail(`stack '${stackArg}' has no previous deployment`);
  writeConfig(stackArg, checkpoint.checkpoint.config ?? {});
} else if (a0 === 'up') {
  const checkpoint = need(stackArg);
  secrets(checkpoint);
  const config = readConfig(stackArg);
  const outputs = outputsOf(config);
  checkpoint.checkpoint.config = config;
  checkpoint.checkpoint.latest = {
    manifest: { time: new Date().toISOString(), version: '3.0.0' },
    secrets_providers: { type: checkpoint.secretsProvider ?? 'passphrase', state: {} },
    resources: [stackResource(stackArg, outputs), ...[1, 2, 3, 4].map((n) => ({ urn: `urn:${n}`, custom: true, type: 'gcp:x/y:Z' }))],
  };
  writeCheckpoint(stackArg, checkpoint);
  if (config['labs:foundation'] === 'true') fs.mkdirSync(path.join(dir, 'gcs', outputs.stateBucketName), { recursive: true });
  process.stdout.write(`Updating (${stackArg})\nResources:\n    + 4 created\n`);
} else if (a0 === 'destroy') {
  const checkpoint = need(stackArg);
  secrets(checkpoint);
  if (checkpoint.checkpoint.latest) checkpoint.checkpoint.latest.resources = [];
  writeCheckpoint(stackArg, checkpoint);
  process.stdout.write('Resources:\n    - 4 deleted\n');
} else if (a0 === 'stack' && a1 === 'rm') {
  const name = args.filter((arg) => !arg.startsWith('--'))[2];
  const checkpoint = need(name);
  if ((checkpoint.checkpoint.latest?.resources ?? []).length > 0 && !args.includes('--force')) {
    fail(
      `'${name}' still has resources; removal rejected. Possible actions:\n- Make sure that '${name}' is the stack that you want to destroy\n- Run \`pulumi destroy\` to delete the resources, then run \`pulumi stack rm\`\n- Run \`pulumi stack rm --force\` to override this error`,
    );
  }
  fs.rmSync(checkpointPath(name));
  if (!args.includes('--preserve-config')) fs.rmSync(configPath(name), { force: true });
} else if (a0 === 'stack' && a1 === 'export') {
  const checkpoint = need(stackArg);
  fs.writeFileSync(
    flag('--file'),
    JSON.stringify({ version: 3, deployment: checkpoint.checkpoint.latest, config: checkpoint.checkpoint.config }),
  );
} else if (a0 === 'stack' && a1 === 'import') {
  const checkpoint = need(stackArg);
  const exported = JSON.parse(fs.readFileSync(flag('--file'), 'utf8'));
  checkpoint.checkpoint.latest = exported.deployment;
  checkpoint.checkpoint.config = exported.config;
  writeCheckpoint(stackArg, checkpoint);
} else if (a0 === 'stack' && a1 === 'ls') {
  const rows = fs.existsSync(stacksDir)
    ? fs.readdirSync(stacksDir).map((file) => {
        const checkpoint = JSON.parse(fs.readFileSync(path.join(stacksDir, file), 'utf8'));
        return {
          name: file.replace(/\.json$/, ''),
          current: false,
          updateInProgress: false,
          resourceCount: (checkpoint.checkpoint.latest?.resources ?? []).length,
        };
      })
    : [];
  process.stdout.write(JSON.stringify(rows));
} else if (a0 === 'stack' && a1 === 'output') {
  const checkpoint = need(stackArg);
  secrets(checkpoint);
  const root = (checkpoint.checkpoint.latest?.resources ?? []).find((r) => r.type === 'pulumi:pulumi:Stack');
  process.stdout.write(JSON.stringify(root?.outputs ?? {}));
} else {
  fail(`the stand-in does not know "pulumi ${args.join(' ')}"`);
}
