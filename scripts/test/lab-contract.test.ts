import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { environment, LAB_IDS, LABS, parseProjectConfig, stackName, type LabId } from '@labs/config';
import * as bundle from '@labs/infra-aws/src/bundle';
import { buildApp, LAB_STACKS, SINK_LAB } from '@labs/infra-aws';
import { LAB_COMPONENTS, POLICY_ACKNOWLEDGEMENTS } from '@labs/infra-gcp/src/labs';
import { REPO_ROOT, ToolStandIns } from '@labs/testing';
import { exampleSinkTarget } from '../src/cloud/bigquery-sink';
import { Deployer, requireLabConfig } from '../src/cloud/deployer';
import { awsRuntimeIdentities } from '../src/identity/runtime-identities';
import { templateFindings } from '../src/synth/keyless-checks';
import { PROJECT_BENCHMARKS } from '../src/bench';
import {
  accessLines,
  accessMismatches,
  benchmarkNames,
  isMissing,
  LAB_CONTRACTS,
  loadBenchmark,
  runTeardown,
  type LabContract,
} from '../src/lab-contract';

jest.setTimeout(120_000);

/** The pieces every lab declares: present, or `{ missing: reason }`. */
const PIECES = ['infrastructure', 'runtimeEntries', 'run', 'local', 'bench', 'teardown'] as const;
const prices = parseProjectConfig({}).prices;

/** Everything wrong with a contract's shape, one line each (empty: it holds). */
function violations(id: LabId, contract: LabContract | undefined): string[] {
  if (!contract) return [`${id}: no contract`];
  const found: string[] = [];
  if (contract.id !== id) found.push(`${id}: contract id is "${contract.id}"`);
  if (contract.cloud !== LABS[id].cloud) found.push(`${id}: cloud ${contract.cloud}, the lab registry says ${LABS[id].cloud}`);
  for (const name of PIECES) {
    const piece = (contract as unknown as Record<string, unknown>)[name];
    if (piece === undefined || piece === null || typeof piece !== 'object') {
      found.push(`${id}: piece "${name}" is neither declared nor declared missing with a reason`);
    } else if ('missing' in piece) {
      const reason = (piece as { missing: unknown }).missing;
      if (typeof reason !== 'string' || reason.trim().length < 10) found.push(`${id}: "${name}" is missing without a reason`);
    } else if (Array.isArray(piece) ? piece.length === 0 : Object.keys(piece).length === 0) {
      found.push(`${id}: "${name}" is empty: declare { missing: reason } instead`);
    }
  }
  if (!Array.isArray(contract.access) || contract.access.length === 0) found.push(`${id}: nobody declared in access`);
  for (const grant of contract.access ?? [])
    if (!grant.who?.trim() || !grant.can?.trim()) found.push(`${id}: access grant without who or what: ${JSON.stringify(grant)}`);
  if (typeof contract.cost !== 'function') found.push(`${id}: no cost lines`);
  else {
    const lines = contract.cost(prices);
    if (lines.length === 0) found.push(`${id}: no cost lines`);
    for (const line of lines)
      if (!line.item || !Number.isFinite(line.usdPerHour) || line.usdPerHour < 0)
        found.push(`${id}: bad cost line ${JSON.stringify(line)}`);
  }
  const infrastructure = contract.infrastructure;
  if (
    infrastructure &&
    !isMissing(infrastructure) &&
    infrastructure.tool &&
    infrastructure.tool !== (contract.cloud === 'aws' ? 'cdk' : 'pulumi')
  )
    found.push(`${id}: ${contract.cloud} lab with ${infrastructure.tool} infrastructure`);
  return found;
}

/** Names a module exports at its top level (declarations, `export { … }`), read from its source. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations) names.push(declaration.name.getText(source));
    else if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
      names.push(statement.name.text);
    else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause))
      for (const element of statement.exportClause.elements) names.push(element.name.text);
  }
  return names;
}

describe('the lab contract: every lab holds to it', () => {
  it.each(LAB_IDS.map((id) => [id]))('%s declares every piece, or its absence with a reason', (id) => {
    expect(violations(id, LAB_CONTRACTS[id])).toEqual([]);
  });

  it.each(PIECES.map((piece) => [piece]))('fails a lab whose "%s" is removed without a declared reason, empty or reason-less', (piece) => {
    const contract = LAB_CONTRACTS['kinesis-data'];
    const { [piece]: _removed, ...without } = contract;
    expect(violations('kinesis-data', without as LabContract)).toEqual([
      `kinesis-data: piece "${piece}" is neither declared nor declared missing with a reason`,
    ]);
    expect(violations('kinesis-data', { ...contract, [piece]: { missing: '' } })).toEqual([
      `kinesis-data: "${piece}" is missing without a reason`,
    ]);
    expect(violations('kinesis-data', { ...contract, [piece]: piece === 'runtimeEntries' || piece === 'teardown' ? [] : {} })).toEqual([
      `kinesis-data: "${piece}" is empty: declare { missing: reason } instead`,
    ]);
  });

  it('fails a lab with no cost lines or the wrong cloud', () => {
    const contract = LAB_CONTRACTS['bqml-classification'];
    expect(violations('bqml-classification', { ...contract, cost: () => [] })).toEqual(['bqml-classification: no cost lines']);
    expect(violations('bqml-classification', { ...contract, cloud: 'aws' })).toEqual([
      'bqml-classification: cloud aws, the lab registry says gcp',
      'bqml-classification: aws lab with pulumi infrastructure',
    ]);
  });

  it.each(LAB_IDS.map((id) => [id]))('%s: run and local load to functions where declared', async (id) => {
    for (const mode of ['run', 'local'] as const) {
      const piece = LAB_CONTRACTS[id][mode];
      if (!isMissing(piece)) expect(typeof (await piece.load())).toBe('function');
    }
  });

  it('benchmarks: every part loads, names are unique, the old names are aliases of their labs', async () => {
    const names = benchmarkNames();
    expect(new Set(names).size).toBe(names.length);
    for (const id of LAB_IDS) {
      const bench = LAB_CONTRACTS[id].bench;
      if (isMissing(bench)) continue;
      for (const load of Object.values(bench)) expect(typeof (await load())).toBe('function');
      expect(typeof (await loadBenchmark(id))).toBe('function');
    }
    const aliasOf = (alias: string) => LAB_IDS.find((id) => !isMissing(LAB_CONTRACTS[id].bench) && alias in LAB_CONTRACTS[id].bench);
    expect(['producer', 'scaler', 'video', 'translate', 'bqml'].map(aliasOf)).toEqual([
      'kinesis-data',
      'kinesis-data',
      'kinesis-video',
      'teradata-migration',
      'bqml-classification',
    ]);
    expect(Object.keys(PROJECT_BENCHMARKS)).toEqual(['synth', 'class']);
    await expect(loadBenchmark('automl-vision')).rejects.toThrow('lab "automl-vision" has no benchmark: what costs time and money here');
    await expect(loadBenchmark('nope')).rejects.toThrow(`unknown benchmark "nope": expected one of ${names.join(', ')}`);
  });

  it('labs bench <lab> runs every part with the same arguments, nested by part; an alias runs one part', async () => {
    const contract = LAB_CONTRACTS['kinesis-data'] as { bench: LabContract['bench'] };
    const declared = contract.bench;
    const seen: string[] = [];
    contract.bench = {
      producer: async () => async (argv) => (seen.push(`producer ${argv.join(' ')}`), { records_per_s: 1 }),
      scaler: async () => async (argv) => (seen.push(`scaler ${argv.join(' ')}`), { flaps: 0 }),
    };
    try {
      expect(await (await loadBenchmark('kinesis-data'))(['--records', '9'])).toEqual({
        producer: { records_per_s: 1 },
        scaler: { flaps: 0 },
      });
      expect(await (await loadBenchmark('scaler'))([])).toEqual({ flaps: 0 });
      expect(seen).toEqual(['producer --records 9', 'scaler --records 9', 'scaler ']);
    } finally {
      contract.bench = declared;
    }
  });

  it('runtime entries exist in packages/ and export what the platform calls', () => {
    for (const id of LAB_IDS) {
      const entries = LAB_CONTRACTS[id].runtimeEntries;
      if (isMissing(entries)) continue;
      for (const entry of entries) {
        const file = join(REPO_ROOT, entry.file);
        expect([entry.file, existsSync(file)]).toEqual([entry.file, true]);
        expect(entry.file).toMatch(/^packages\/[^/]+\/src\//);
        if (entry.export) expect(exportedNames(file)).toContain(entry.export);
      }
    }
  });
});

/** A BigQuery sink as labs up --sink bigquery passes it. */
const CONTRACT_SINK = exampleSinkTarget('my-proj', '7f3a');

describe('the lab contract against the infrastructure registries', () => {
  it('declares a stack exactly for the AWS labs in LAB_STACKS, a component exactly for the GCP labs in LAB_COMPONENTS', () => {
    const declared = (tool: 'cdk' | 'pulumi') =>
      LAB_IDS.filter((id) => {
        const infrastructure = LAB_CONTRACTS[id].infrastructure;
        return !isMissing(infrastructure) && infrastructure.tool === tool;
      });
    expect(declared('cdk')).toEqual(LAB_IDS.filter((id) => LAB_STACKS[id]));
    expect(declared('pulumi')).toEqual(LAB_IDS.filter((id) => id in LAB_COMPONENTS));
  });

  it('policy acknowledgements exist only for labs with a component', () => {
    for (const id of Object.keys(POLICY_ACKNOWLEDGEMENTS) as LabId[])
      expect([id, isMissing(LAB_CONTRACTS[id].infrastructure)]).toEqual([id, false]);
  });

  it.each(LAB_IDS.filter((id) => !isMissing(LAB_CONTRACTS[id].infrastructure)).map((id) => [id]))(
    '%s: the declared class loads under its declared name',
    async (id) => {
      const infrastructure = LAB_CONTRACTS[id].infrastructure;
      if (isMissing(infrastructure)) throw new Error('filtered above');
      expect((await infrastructure.load()).name).toBe(infrastructure.name);
    },
  );

  it.each(LAB_IDS.filter((id) => LAB_STACKS[id]).map((id) => [id]))(
    '%s: LAB_STACKS builds the declared stack class, which bundles exactly the declared runtime entries (with its sink, where it has one)',
    async (id) => {
      const infrastructure = LAB_CONTRACTS[id].infrastructure;
      const entries = LAB_CONTRACTS[id].runtimeEntries;
      if (isMissing(infrastructure) || isMissing(entries)) throw new Error(`${id} has a stack but declares none, or no runtime entries`);
      const bundled = jest.spyOn(bundle, 'bundleEntry');
      try {
        const labEnvironment = environment(id, 'contract');
        const app = buildApp({
          environments: [
            {
              labEnvironment,
              owner: 'contract@example.com',
              expiresAt: new Date('2026-12-31T00:00:00Z'),
              ...(id === SINK_LAB ? { sink: CONTRACT_SINK } : {}),
            },
          ],
          now: new Date('2026-12-30T00:00:00Z'),
          nag: false,
        });
        expect(app.node.findChild(stackName(labEnvironment))).toBeInstanceOf(await infrastructure.load());
        const files = bundled.mock.calls.map(([file]) => relative(REPO_ROOT, file)).sort();
        expect(files).toEqual(entries.map((entry) => entry.file).sort());
        if (id === SINK_LAB) {
          // synth-all holds the access of environments without a sink; this one, with it, holds the sink's grant
          const stack = stackName(labEnvironment);
          const { Resources } = app.synth().getStackByName(stack).template as { Resources: Parameters<typeof awsRuntimeIdentities>[1] };
          const names = { env: 'contract', project: CONTRACT_SINK.project };
          expect(accessMismatches(LAB_CONTRACTS[id], awsRuntimeIdentities(stack, Resources), names, ['--sink bigquery'])).toEqual([]);
          expect(templateFindings(stack, Resources)).toEqual([]); // the keyless checks hold with the sink too
        }
      } finally {
        bundled.mockRestore();
      }
    },
  );
});

describe('access: the consent text held to the synthesized runtimes', () => {
  const contract: Pick<LabContract, 'id' | 'access'> = {
    id: 'bqml-classification',
    access: [
      { who: 'you', can: 'deploy' },
      {
        who: 'runner',
        can: 'run jobs',
        runtime: { kind: 'gcp-service-account', permissions: ['roles/bigquery.jobUser on <project>', 'WRITER on dataset ecommerce_<env>'] },
      },
      { who: 'sink', can: 'insert', runtime: { kind: 'lambda', permissions: ['kinesis:GetRecords'] }, onlyWith: '--sink bigquery' },
    ],
  };
  const names = { env: 'ci-run', project: 'p-1' };
  const runner = {
    runtime: 'gcp-service-account',
    where: 'inv runner',
    permissions: ['WRITER on dataset ecommerce_ci_run', 'roles/bigquery.jobUser on p-1'],
  };

  it('matches a runtime whose permissions are exactly the declared ones, names generalized', () => {
    expect(accessMismatches(contract, [runner], names)).toEqual([]);
  });

  it('fails on a permission the declaration does not show, and on a declared runtime that was not synthesized', () => {
    const wider = { ...runner, permissions: [...runner.permissions, 'roles/bigquery.admin on p-1'] };
    expect(accessMismatches(contract, [wider], names)).toEqual([
      "bqml-classification: inv runner is not declared in the lab's access: gcp-service-account: WRITER on dataset ecommerce_<env>, roles/bigquery.admin on <project>, roles/bigquery.jobUser on <project>",
      'bqml-classification: "runner" is declared but nothing synthesized has exactly gcp-service-account: WRITER on dataset ecommerce_<env>, roles/bigquery.jobUser on <project>',
    ]);
    expect(accessMismatches(contract, [], names)).toHaveLength(1);
  });

  it('counts a grant that needs a labs up option only with that option', () => {
    const sink = { runtime: 'lambda', where: 'stack Sink', permissions: ['kinesis:GetRecords'] };
    expect(accessMismatches(contract, [runner, sink], names)).toHaveLength(1);
    expect(accessMismatches(contract, [runner, sink], names, ['--sink bigquery'])).toEqual([]);
    expect(accessLines(contract)).toEqual(['you: deploy', 'runner: run jobs']);
    expect(accessLines(contract, ['--sink bigquery'])).toHaveLength(3);
  });

  it('generalizes the environment name only where it stands alone, in its - and _ spellings', () => {
    const data = { runtime: 'lambda', where: 's f', permissions: ['kinesis:GetRecords on ci-running-ci-run', 'WRITER on dataset ci_run'] };
    const declared = {
      id: 'kinesis-data' as const,
      access: [
        {
          who: 'f',
          can: 'x',
          runtime: { kind: 'lambda' as const, permissions: ['kinesis:GetRecords on ci-running-<env>', 'WRITER on dataset <env>'] },
        },
      ],
    };
    expect(accessMismatches(declared, [data], { env: 'ci-run' })).toEqual([]);
  });
});

describe('teardown hooks', () => {
  const context = (lines: string[]) => ({
    environment: environment('automl-vision', 'alice'),
    config: parseProjectConfig({}),
    log: (line: string) => lines.push(line),
  });

  it('run in order before the destroy and say what they do', async () => {
    const order: string[] = [];
    const lines: string[] = [];
    const done = await runTeardown(
      {
        teardown: [
          { description: 'undeploy the model from the endpoint', run: async () => void order.push('undeploy') },
          { description: 'delete the endpoint', run: async () => void order.push('delete') },
        ],
      },
      context(lines),
    );
    expect(order).toEqual(['undeploy', 'delete']);
    expect(done).toEqual(['undeploy the model from the endpoint', 'delete the endpoint']);
    expect(lines).toEqual(['before destroy: undeploy the model from the endpoint', 'before destroy: delete the endpoint']);
  });

  it('a failing hook stops the destroy with a message naming the hook and the environment', async () => {
    const after = jest.fn();
    await expect(
      runTeardown(
        {
          teardown: [
            {
              description: 'undeploy the model',
              run: async () => {
                throw new Error('endpoint busy');
              },
            },
            { description: 'never reached', run: after },
          ],
        },
        context([]),
      ),
    ).rejects.toThrow('before destroying automl-vision/alice, "undeploy the model" failed: endpoint busy');
    expect(after).not.toHaveBeenCalled();
  });

  it('a lab that declares no hooks has nothing to run', async () => {
    expect(await runTeardown(LAB_CONTRACTS['kinesis-data'], context([]))).toEqual([]);
  });
});

describe('the deployer deploys only what the contract declares', () => {
  it('refuses `labs up` of a lab whose infrastructure is declared missing, with the reason, before any cloud is touched', () => {
    const contract = LAB_CONTRACTS['automl-vision'] as { infrastructure: LabContract['infrastructure'] };
    const declared = contract.infrastructure;
    contract.infrastructure = { missing: 'the Vertex AI environment is a later issue' };
    try {
      expect(() => requireLabConfig(environment('automl-vision', 'alice'), parseProjectConfig({ gcp: { project: 'my-proj' } }))).toThrow(
        'lab "automl-vision" has nothing to deploy yet (the Vertex AI environment is a later issue); labs with infrastructure: kinesis-data, kinesis-video, bqml-classification, teradata-migration',
      );
    } finally {
      contract.infrastructure = declared;
    }
    expect(() =>
      requireLabConfig(environment('automl-vision', 'alice'), parseProjectConfig({ gcp: { project: 'my-proj' } })),
    ).not.toThrow();
  });
});

describe('the deployer runs the teardown hooks before it destroys', () => {
  let tools: ToolStandIns;
  const saved = { ...process.env };
  beforeEach(async () => {
    tools = await ToolStandIns.start();
    Object.assign(process.env, tools.env());
  });
  afterEach(() => {
    process.env = { ...saved };
    tools.stop();
  });

  it('calls the lab’s hook first, then `pulumi destroy`; a failing hook leaves the stack standing', async () => {
    const contract = LAB_CONTRACTS['bqml-classification'] as { teardown: LabContract['teardown'] };
    const declared = contract.teardown;
    const callsAtHook: number[] = [];
    let fail = false;
    contract.teardown = [
      {
        description: 'undeploy the model from the endpoint',
        run: async () => {
          callsAtHook.push(tools.calls().length);
          if (fail) throw new Error('endpoint busy');
        },
      },
    ];
    const backend = `file://${mkdtempSync(join(tmpdir(), 'labs-backend-'))}`;
    const deployer = new Deployer(parseProjectConfig({ gcp: { project: 'my-proj', backend } }));
    const env = environment('bqml-classification', 'alice');
    try {
      expect(await deployer.up(env, 'alice@example.com', new Date('2026-12-31T00:00:00Z'))).toMatchObject({ ok: true });
      tools.clearCalls();
      expect(await deployer.down(env)).toMatchObject({ ok: true, message: 'labs-bqml-classification-alice destroyed' });
      expect(callsAtHook).toEqual([0]);
      expect(tools.calls().map((call) => call.args.slice(0, 2).join(' '))).toEqual(['config refresh', 'destroy --yes', 'stack rm']);

      expect(await deployer.up(env, 'alice@example.com', new Date('2026-12-31T00:00:00Z'))).toMatchObject({ ok: true });
      tools.clearCalls();
      fail = true;
      await expect(deployer.down(env)).rejects.toThrow(
        'before destroying bqml-classification/alice, "undeploy the model from the endpoint" failed: endpoint busy',
      );
      expect(tools.calls()).toEqual([]);
    } finally {
      contract.teardown = declared;
    }
  });
});
