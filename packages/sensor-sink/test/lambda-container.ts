import { TSX_LOADER } from '@labs/testing';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The sink's real Lambda module in its own process (`fixtures/lambda-container.ts`), invoked like a warm container. */
export class LambdaContainer {
  /** What the function logged (stdout). */
  stdout = '';
  /** What it wrote on stderr. */
  stderr = '';
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;

  private readonly responses: ((line: string) => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => this.responses.shift()?.(line));
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  }

  /** Starts a container with exactly `env` as its environment, running the entry module or a bundle of it. */
  static start(env: NodeJS.ProcessEnv, bundle?: string): LambdaContainer {
    // tsx as a loader in the one process (its CLI would run a second one, with file descriptor 3 its own).
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, join(__dirname, 'fixtures', 'lambda-container.ts'), ...(bundle ? [bundle] : [])],
      {
        env,
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      },
    );
    return new LambdaContainer(child);
  }

  /** Invokes the handler with one event and resolves with its response. */
  invoke(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> {
    const response = new Promise<string>((resolve) => this.responses.push(resolve));
    this.child.stdin?.write(`${JSON.stringify(event)}\n`);
    return Promise.race([
      response.then((line) => JSON.parse(line) as KinesisStreamBatchResponse),
      this.exited.then((code) => Promise.reject(new Error(`the container exited with ${code}: ${this.stderr.trim()}`))),
    ]);
  }

  /** Ends the container (its stdin closes, as when Lambda retires it) and waits for it. */
  async stop(): Promise<number | null> {
    this.child.stdin?.end();
    return this.exited;
  }
}
