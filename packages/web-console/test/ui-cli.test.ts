import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@labs/testing';
import { startUi } from './start-ui';

describe('labs ui: bad input is one clear line and a non-zero exit', () => {
  it('refuses a port that is not 0-65535', async () => {
    const result = await runCli(['ui', '--port', '80a']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('error: invalid --port "80a": use a whole number from 0 to 65535');
  });

  it('refuses a host that is not an address or name', async () => {
    const result = await runCli(['ui', '--host', 'http://x/']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('error: invalid --host "http://x/": use an IP address or host name such as 127.0.0.1');
  });

  it('refuses a predictions file that does not exist', async () => {
    const result = await runCli(['ui', '--predictions', 'nope.jsonl']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe(
      'error: invalid --predictions "nope.jsonl": no such file (an ML.PREDICT export: JSON lines, JSON array or CSV)',
    );
  });

  it('says which port is in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const result = await runCli(['ui', '--port', String(port)]);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim()).toBe(`error: port ${port} on 127.0.0.1 is in use: pick another with --port`);
    } finally {
      busy.close();
    }
  });
});

describe('labs ui without cloud credentials', () => {
  it('serves the page; /api/environments names each cloud it cannot list', async () => {
    const home = mkdtempSync(join(tmpdir(), 'labs-ui-home-'));
    const ui = await startUi({
      HOME: home,
      PATH: '/usr/bin:/bin',
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
      GOOGLE_APPLICATION_CREDENTIALS: undefined,
    });
    try {
      const page = await fetch(ui.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<meta name="labs-token" content="[\w-]{43}">/);
      const response = await fetch(`${ui.url}api/environments`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { environments: unknown[]; unavailable: { cloud: string; error: string }[] };
      expect(body.environments).toEqual([]);
      expect(body.unavailable.map((u) => u.cloud)).toEqual(['aws', 'gcp']);
      expect(body.unavailable[0]?.error).toMatch(/credentials/i);
      expect(body.unavailable[1]?.error).toMatch(/GCP is not configured: set gcp\.project/);
    } finally {
      ui.child.kill('SIGINT');
      rmSync(home, { recursive: true, force: true });
    }
  });
});
