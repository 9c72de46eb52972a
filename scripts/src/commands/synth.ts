import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { environment, FOUNDATION_STACK, getLab, LAB_IDS, LABS, LabsError, validateEnvName, type LabDefinition } from '@labs/config';
import { parseSink, SINK_LAB } from '@labs/infra-aws/src/bigquery-sink';
import { exampleSinkTarget } from '../cloud/bigquery-sink';
import { isMissing, LAB_CONTRACTS, labsWith } from '../lab-contract';
import { log, print, printJson, table, withConventionNames } from '../output';
import { projectConfig } from '../repo';
import { synthGcp, type GcpSynthResult } from '../synth/gcp-synth';
import { ownerAndExpiry } from './environment-options';

/**
 * The foundation is synthesized with every optional part, so that the checks and `labs identity` see the
 * federation pools, the sensor sink and the GitHub deploy account: example values (no account is read).
 */
const SYNTH_FEDERATION = {
  awsAccountId: '000000000000',
  federationGeneration: 'synth',
  githubRepository: 'labs-synth/labs',
  githubBranch: 'main',
  githubRepositoryId: '100000001',
} as const;

interface SynthOptions {
  all?: boolean;
  sink?: string;
  env: string;
  out: string;
  owner?: string;
  json?: boolean;
}

/** `labs synth <lab> | --all [--env NAME] [--out DIR]`: offline synthesis with the security checks. */
export function registerSynth(program: Command): void {
  program
    .command('synth [lab]')
    .description(
      'synthesize offline: CloudFormation for AWS labs, a mocked Pulumi resource inventory for GCP labs; then run the security checks',
    )
    .option(
      '--all',
      'every lab that has infrastructure, with its optional parts (the kinesis-data sink), plus the foundation stacks of both clouds',
    )
    .option('--sink <name>', 'kinesis-data: with its BigQuery sink (bigquery), for example federation outputs')
    .option('--env <name>', 'environment name to synthesize for', 'synth')
    .option('--out <dir>', 'output directory', 'out')
    .option('--owner <who>', 'owner tag (default: git user email, else OS user)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (labId: string | undefined, options: SynthOptions) => {
      if (!labId && !options.all) throw new LabsError('name a lab or use --all: labs synth <lab> | --all');
      if (options.sink !== undefined) parseSink(labId ?? SINK_LAB, options.sink);
      validateEnvName(options.env);
      const withInfra = new Set<string>(labsWith('infrastructure'));
      const labs: LabDefinition[] = options.all
        ? LAB_IDS.map((id) => LABS[id]).filter((lab) => withInfra.has(lab.id))
        : [getLab(labId ?? '')];
      for (const lab of labs) {
        const infrastructure = LAB_CONTRACTS[lab.id].infrastructure;
        if (isMissing(infrastructure))
          throw new LabsError(
            `lab "${lab.id}" has no infrastructure yet (${infrastructure.missing}); labs with infrastructure: ${[...withInfra].join(', ')}`,
          );
      }
      if (options.all) {
        const skipped = LAB_IDS.filter((id) => !withInfra.has(id));
        if (skipped.length) log(`not built yet, skipped: ${skipped.join(', ')}`);
      }
      const out = resolve(options.out);
      mkdirSync(out, { recursive: true });
      const { owner, expiresAt } = ownerAndExpiry({ owner: options.owner });
      const config = projectConfig();
      const project = config.gcp.project ?? 'labs-synth-project';

      const gcpTargets = labs.filter((lab) => lab.cloud === 'gcp');
      log(`synthesizing ${labs.map((lab) => lab.id).join(', ')}${options.all ? ' and the foundation stacks' : ''} into ${out}`);
      const gcpRuns: Promise<GcpSynthResult>[] = gcpTargets.map((lab) =>
        synthGcp(out, lab.id, {
          kind: 'environment',
          project,
          region: config.gcp.region,
          zone: config.gcp.zone,
          lab: lab.id,
          env: options.env,
          owner,
          expiresAt: expiresAt.toISOString(),
        }),
      );
      if (options.all) gcpRuns.push(synthGcp(out, `gcp-${FOUNDATION_STACK}`, { kind: 'foundation', project, ...SYNTH_FEDERATION }));

      const awsLabs = labs.filter((lab) => lab.cloud === 'aws');
      const { synthAws } = await import('../synth/aws-synth');
      const aws = await synthAws(out, [
        ...(options.all ? [{ foundation: true as const }] : []),
        ...awsLabs.map((lab) => ({
          env: environment(lab.id, options.env),
          owner,
          expiresAt,
          ...(lab.id === SINK_LAB && (options.all || options.sink)
            ? { sink: exampleSinkTarget(project, SYNTH_FEDERATION.federationGeneration) }
            : {}),
        })),
      ]);
      const gcp = await Promise.all(gcpRuns);

      const findings = [...aws.findings, ...gcp.flatMap((run) => run.findings.map((f) => `${f.rule} at ${f.resource}: ${f.message}`))];
      if (options.json) {
        printJson(
          withConventionNames({
            out,
            aws: aws.stacks.map((stack) => ({ stack, template: `${stack}.template.json` })),
            gcp: gcp.map((run) => ({ name: run.name, inventory: `${run.name}.resources.json`, resources: run.resources })),
            findings,
          }),
        );
      } else {
        print(
          table(
            ['output', 'cloud', 'resources'],
            [
              ...aws.stacks.map((stack) => [`${stack}.template.json`, 'aws', '']),
              ...gcp.map((run) => [`${run.name}.resources.json`, 'gcp', run.resources]),
            ],
          ),
        );
      }
      if (findings.length) {
        log(`${findings.length} unacknowledged finding(s):`);
        for (const finding of findings) log(`  ${finding}`);
        process.exitCode = 1;
      }
    });
}
