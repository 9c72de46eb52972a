import { kinesisVideoClients } from './aws-clients';
import { ec2ProducerConfig } from './ec2-config';
import { dataEndpoint } from './playback';
import { sigV4Signer } from './put-media/sigv4-signer';
import { streamVideo } from './stream-video';

/**
 * EC2 entry point (bundled by the CDK stack, run by systemd): streams the configured source to the
 * environment's video stream with the instance role's credentials. SIGTERM (systemctl stop) stops
 * ffmpeg and lets the fragments already cut be persisted; a failure exits non-zero and systemd restarts it.
 */
async function main(): Promise<void> {
  const config = ec2ProducerConfig(process.env);
  const { client, credentials } = kinesisVideoClients(config.region);
  const log = (line: string): void => console.log(line);
  log(`streaming ${config.source.kind} to ${config.streamName} in ${config.region}`);
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  const result = await streamVideo({
    signal: stop.signal,
    source: config.source,
    encoding: config.encoding,
    fragmentDurationMs: config.fragmentDurationMs,
    ffmpegPath: config.ffmpegPath,
    streamName: config.streamName,
    endpoint: () => dataEndpoint(client, config.streamName, 'PUT_MEDIA'),
    signer: sigV4Signer({ region: config.region, credentials }),
    log,
  });
  log(`stopped: ${result.fragmentsPersisted} of ${result.fragments} fragments persisted`);
}

main().catch((error: unknown) => {
  console.error(`error: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
