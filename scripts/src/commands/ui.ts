import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { LabsError } from '@labs/config';
import { log } from '../output';
import { withStopSignals } from '../stop-signals';

interface UiOptions {
  port: string;
  host: string;
  open?: boolean;
  predictions?: string;
}

/** `labs ui [--port 4173] [--host 127.0.0.1] [--open]`: the local web console, until Ctrl-C. */
export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('serve the local web console: environments, labs, live Kinesis Data, video playback, BigQuery ML, Teradata SQL')
    .option('--port <n>', 'port to listen on (0: any free port)', '4173')
    .option('--host <address>', 'address to bind (loopback by default; others expose the console to the network)', '127.0.0.1')
    .option('--open', 'open the console in the default browser')
    .option('--predictions <file>', 'predictions file of the BigQuery ML view (default: the shipped sample)')
    .action(async (options: UiOptions) => {
      const port = parsePort(options.port);
      if (!/^[\w.:-]+$/.test(options.host))
        throw new LabsError(`invalid --host "${options.host}": use an IP address or host name such as 127.0.0.1`);
      if (options.predictions && !existsSync(options.predictions)) {
        throw new LabsError(
          `invalid --predictions "${options.predictions}": no such file (an ML.PREDICT export: JSON lines, JSON array or CSV)`,
        );
      }
      if (!['127.0.0.1', 'localhost', '::1'].includes(options.host))
        log(`warning: --host ${options.host} makes the console reachable from other machines`);
      // The console's server and backend load the SDKs, the translator and ZetaSQL: only when `labs ui` runs.
      const [{ startConsoleServer }, { CliBackend }] = await Promise.all([import('@labs/web-console'), import('../ui/cli-backend')]);
      const server = await startConsoleServer({
        backend: new CliBackend({ predictionsFile: options.predictions }),
        host: options.host,
        port,
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new LabsError(`port ${port} on ${options.host} is in use: pick another with --port`);
        throw error;
      });
      log(`labs console on ${server.url} (Ctrl-C stops it)`);
      if (options.open) openBrowser(server.url);
      await withStopSignals(
        ['SIGINT', 'SIGTERM'],
        (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
      );
      log('stopping the console …');
      await server.close();
    });
}

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new LabsError(`invalid --port "${text}": use a whole number from 0 to 65535`);
  return port;
}

/** Opens the URL with the desktop's opener; a missing opener only logs. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => log(`could not start ${opener}: open ${url} yourself`));
  child.unref();
}
