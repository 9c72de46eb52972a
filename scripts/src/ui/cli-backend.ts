import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { environment, formatAwsExpiry, LabsError, parseTtl, resourceName, stackName } from '@labs/config';
import { createKinesisClient } from '@labs/sensor-producer';
import { SAMPLE_PREDICTIONS_FILE } from '@labs/bigquery-ml';
import { TeradataTranslator, toJsonRecords } from '@labs/teradata';
import { ZetaSql } from '@labs/testing';
import type { ActionResult, ConsoleBackend, EnvironmentsView, LiveEvent, VideoRun } from '@labs/web-console';
import { Deployer } from '../cloud/deployer';
import { extendedExpiry, extendEnvironment } from '../commands/extend';
import { gcpConfigured, listEnvironmentsByCloud, recordJson } from '../commands/status';
import { projectConfig, REPO_ROOT } from '../repo';
import { watchDeployedStream } from './deployed-stream-watch';
import { runKinesisDataLive } from './kinesis-data-live';
import { runKinesisVideoOffline } from './kinesis-video-offline';
import { labDetails, labsListJson } from './lab-catalog';
import { predictionReport } from './prediction-report';

/** Options of the CLI's console backend. */
export interface CliBackendOptions {
  /** Predictions file of the BigQuery ML view. @default the shipped sample */
  readonly predictionsFile?: string;
}

/** The console's data and actions, from the same code as the CLI's commands. */
export class CliBackend implements ConsoleBackend {
  private translator?: Promise<TeradataTranslator>;
  private zetaSql?: Promise<ZetaSql>;
  /** Where the offline video runs write their MKV and MP4 (removed on close). */
  private videoDir?: string;

  constructor(private readonly options: CliBackendOptions = {}) {}

  async labs() {
    return labsListJson(projectConfig().prices);
  }

  async labDetails() {
    return labDetails(projectConfig().prices);
  }

  /** Each cloud listed on its own, so one without credentials leaves a notice and the other still shows. */
  async environments(): Promise<EnvironmentsView> {
    const now = new Date();
    const { records, failures } = await listEnvironmentsByCloud(['aws', 'gcp']);
    const unavailable = failures.map((failure) => ({ cloud: failure.cloud, error: failure.message }));
    if (!gcpConfigured(projectConfig())) {
      unavailable.push({ cloud: 'gcp', error: 'GCP is not configured: set gcp.project (and gcp.backend) in labs.config.json' });
    }
    return { environments: records.map((record) => recordJson(record, now)), unavailable };
  }

  async translate(sql: string) {
    this.translator ??= TeradataTranslator.create();
    return toJsonRecords((await this.translator).translateScript(sql));
  }

  async validate(statements: readonly string[]) {
    this.zetaSql ??= ZetaSql.start();
    const zeta = await this.zetaSql;
    const checks = [];
    for (const statement of statements) checks.push(await zeta.check(statement));
    return checks;
  }

  async bqml() {
    return predictionReport(resolve(this.options.predictionsFile ?? SAMPLE_PREDICTIONS_FILE), REPO_ROOT);
  }

  /** As `labs extend LAB --env ENV --ttl TTL` (with its lab's after-extend step). */
  async extend(lab: string, env: string, ttl: string): Promise<ActionResult> {
    const target = environment(lab, env);
    const config = projectConfig();
    const ttlMs = parseTtl(ttl, config.maxTtl);
    const deployer = new Deployer(config);
    const current = await deployer.current(target);
    if (!current) throw new LabsError(`${stackName(target)} does not exist`);
    const now = new Date();
    const expiresAt = extendedExpiry(current.expiresAt ?? now, ttlMs, config.maxTtl, now);
    const result = await extendEnvironment(deployer, target, current, expiresAt, config);
    return { ok: result.ok, message: result.ok ? `${stackName(target)} now expires at ${formatAwsExpiry(expiresAt)}` : result.message };
  }

  /** As `labs down LAB --env ENV --yes` (the page asked for the confirmation). */
  async destroy(lab: string, env: string): Promise<ActionResult> {
    const result = await new Deployer(projectConfig()).down(environment(lab, env));
    return { ok: result.ok, message: result.message };
  }

  runKinesisData(onEvent: (event: LiveEvent) => void, signal: AbortSignal): Promise<void> {
    return runKinesisDataLive(onEvent, signal);
  }

  /** As `labs run kinesis-data --env ENV` watches it, but from CloudWatch's per-minute stream metrics. */
  async watchKinesisData(env: string, onEvent: (event: LiveEvent) => void, signal: AbortSignal): Promise<void> {
    const streamName = resourceName(environment('kinesis-data', env), 'RawStreamData');
    const region = projectConfig().aws.region;
    const cloudwatch = new CloudWatchClient({ region });
    const kinesis = createKinesisClient({ region });
    try {
      await watchDeployedStream({ cloudwatch, kinesis, streamName, signal, onEvent });
    } finally {
      cloudwatch.destroy();
      kinesis.destroy();
    }
  }

  runKinesisVideo(): Promise<VideoRun> {
    this.videoDir ??= mkdtempSync(join(tmpdir(), 'labs-ui-video-'));
    return runKinesisVideoOffline(this.videoDir);
  }

  async close(): Promise<void> {
    const zeta = this.zetaSql;
    this.zetaSql = undefined;
    if (zeta) (await zeta.catch(() => undefined))?.stop();
    if (this.videoDir) rmSync(this.videoDir, { recursive: true, force: true });
  }
}
