import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LabsError } from './errors';
import { DEFAULT_MAX_TTL, parseDuration } from './ttl';

/** Rough on-demand prices (USD per hour) used for the cost shown before consent. */
const priceTable = z
  .object({
    kinesisShardHour: z.number().default(0.015),
    kinesisVideoIngestGb: z.number().default(0.0085),
    ec2T3MicroHour: z.number().default(0.0104),
    ec2T3SmallHour: z.number().default(0.0208),
    ebsGbMonth: z.number().default(0.08),
    kmsKeyMonth: z.number().default(1),
    cloudwatchAlarmMonth: z.number().default(0.1),
    cloudwatchDashboardMonth: z.number().default(3),
    natGatewayHour: z.number().default(0.045),
    gceE2StandardHour: z.number().default(0.134),
    gceN2Standard4Hour: z.number().default(0.1942),
    gcePdBalancedGbMonth: z.number().default(0.1),
    cloudNatVmHour: z.number().default(0.0014),
    secretVersionMonth: z.number().default(0.06),
    gcsGbMonth: z.number().default(0.02),
    bigqueryTbScanned: z.number().default(6.25),
    bigqueryStreamingGb: z.number().default(0.05),
    lambdaGbSecond: z.number().default(0.0000166667),
    vertexEndpointNodeHour: z.number().default(1.375),
    vertexTrainingNodeHour: z.number().default(3.465),
  })
  .strict();

/** The project's config file, `labs.config.json` at the repository root. */
export const projectConfigSchema = z
  .object({
    /** Largest TTL `labs up --ttl` accepts. */
    maxTtl: z.string().default(DEFAULT_MAX_TTL),
    aws: z
      .object({
        region: z.string().default('us-east-1'),
        account: z.string().optional(),
      })
      .strict()
      .default({ region: 'us-east-1' }),
    gcp: z
      .object({
        project: z.string().optional(),
        region: z.string().default('us-central1'),
        zone: z.string().default('us-central1-a'),
        /** Pulumi state backend, e.g. `gs://<project>-labs-state` (the default) or `file://~/.pulumi-labs`. */
        backend: z.string().optional(),
        /** Secrets provider of new Pulumi stacks: `gcpkms://projects/…/cryptoKeys/…`; default passphrase. */
        secretsProvider: z.string().optional(),
        /** Cloud KMS key that encrypts the environments' data at rest; default Google-managed. */
        kmsKeyName: z.string().optional(),
      })
      .strict()
      .default({ region: 'us-central1', zone: 'us-central1-a' }),
    prices: priceTable.default(priceTable.parse({})),
  })
  .strict();

/** Validated project configuration. */
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** Price table type. */
export type PriceTable = ProjectConfig['prices'];

/** File name of the project config. */
export const PROJECT_CONFIG_FILE = 'labs.config.json';

/** Parses and validates a project config object. */
export function parseProjectConfig(raw: unknown, source = PROJECT_CONFIG_FILE): ProjectConfig {
  const result = projectConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new LabsError(`invalid ${source}: ${where}: ${issue?.message ?? 'invalid value'}`);
  }
  parseDuration(result.data.maxTtl);
  return result.data;
}

/** Loads `labs.config.json` from a directory; defaults when the file is absent. */
export function loadProjectConfig(dir: string): ProjectConfig {
  const file = join(dir, PROJECT_CONFIG_FILE);
  return existsSync(file) ? loadProjectConfigFile(file) : parseProjectConfig({});
}

/** Loads a project config file. */
export function loadProjectConfigFile(file: string): ProjectConfig {
  if (!existsSync(file)) throw new LabsError(`config file "${file}" does not exist`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LabsError(`invalid ${file}: ${(error as Error).message}`);
  }
  return parseProjectConfig(raw, file);
}

/** Reads a dotted key such as `gcp.project` from the config. */
export function configValue(config: ProjectConfig, key: string): unknown {
  return key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], config);
}
