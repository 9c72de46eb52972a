import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ZetaSQLClient } from '@fivetrandevelopers/zetasql';
import { freePort } from './free-port';

/** Result of checking one statement with ZetaSQL. */
export type ZetaSqlCheck = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * ZetaSQL, Google's GoogleSQL (BigQuery) parser, as a local gRPC server: the validator for every piece of
 * BigQuery SQL the project emits. The server listens on 127.0.0.1 only (its first argument is the address
 * it binds; the package's own `runServer` passes `localhost`, which leaves it to name resolution). Start
 * with `ZetaSql.start()`, always `stop()` (SIGKILL).
 */
export class ZetaSql {
  private constructor(
    private readonly server: ChildProcess,
    private readonly client: ZetaSQLClient,
    /** The loopback port the server listens on. */
    readonly port: number,
  ) {}

  /** Starts the server on a free port and waits until it answers (up to `timeoutMs`). */
  static async start(timeoutMs = 30_000): Promise<ZetaSql> {
    const port = await freePort();
    const binary = join(dirname(require.resolve('@fivetrandevelopers/zetasql')), 'zetasql', 'remote_server.so');
    const server = spawn(binary, ['127.0.0.1', String(port)], { stdio: 'ignore' });
    ZetaSQLClient.init(port);
    const client = ZetaSQLClient.getInstance();
    const validator = new ZetaSql(server, client, port);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`ZetaSQL server exited with code ${server.exitCode}`);
      if (await client.testConnection().catch(() => false)) return validator;
      if (Date.now() > deadline) {
        validator.stop();
        throw new Error(`ZetaSQL server did not answer on port ${port} within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Parses one statement with GoogleSQL's grammar (`formatSql`); rejects what BigQuery rejects. */
  async check(sql: string): Promise<ZetaSqlCheck> {
    try {
      await this.client.formatSql({ sql });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as { details?: string }).details ?? String(error) };
    }
  }

  /** Kills the server (it needs SIGKILL). */
  stop(): void {
    this.server.kill('SIGKILL');
  }
}
