/**
 * EC2 entry point of the sensor producer (bundled with esbuild, run as a systemd service).
 * Configuration comes from the environment (`STREAM_NAME`, `AWS_REGION`, `RATE`, `SENSORS`, …, see
 * `readEc2ProducerConfig`); credentials come from the default provider chain only (the instance role
 * through IMDSv2). SIGTERM/SIGINT stop generation and flush before exit.
 */
import { LabsError } from '@labs/config';
import { readEc2ProducerConfig } from './ec2-config';
import { createKinesisClient } from './kinesis-client';
import { runProducerService } from './producer-service';

async function main(): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const config = readEc2ProducerConfig(process.env);
  const client = createKinesisClient({ region: config.region, maxAttempts: 1 });
  try {
    const { exitCode } = await runProducerService(config, {
      client,
      signal: controller.signal,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    return exitCode;
  } finally {
    client.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof LabsError ? error.message : String(error)}\n`);
    process.exit(error instanceof LabsError ? error.exitCode : 1);
  },
);
