/**
 * Runs a `PutRecordsSink` in its own process (so a benchmark measures only the producer's CPU):
 * prints `{"endpoint": "http://127.0.0.1:<port>"}` on stdout, stops when stdin closes.
 * Options come as JSON (`PutRecordsSinkOptions` without faults) in argv[2].
 */
import { PutRecordsSink, type PutRecordsSinkOptions } from './put-records-sink';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as PutRecordsSinkOptions;
  const sink = await PutRecordsSink.start({ shards: options.shards ?? 1 });
  process.stdout.write(`${JSON.stringify({ endpoint: sink.endpoint })}\n`);
  process.stdin.resume();
  process.stdin.on('close', () => {
    process.stdout.write(`${JSON.stringify(sink.getCounts())}\n`);
    void sink.stop().then(() => process.exit(0));
  });
}

void main();
