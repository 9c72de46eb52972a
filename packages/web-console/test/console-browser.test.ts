import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, runCli, ToolStandIns } from '@labs/testing';
import { startUi } from './start-ui';

/** Debian's chromium, as the README's setup installs it. */
const CHROMIUM = '/usr/bin/chromium';
/**
 * Where the screenshots go: the README's (`docs/web-console`) with `LABS_UPDATE_SCREENSHOTS=1`, else a
 * temporary directory, so that a test run leaves the work tree as it found it.
 */
const DOCS =
  process.env.LABS_UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'web-console') : mkdtempSync(join(tmpdir(), 'labs-screenshots-'));

/** Status of a GET sent with this Host header (fetch does not let a caller set Host). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

/** Polls `check` every 100 ms until it holds, or fails after `timeoutMs` (the page's CSP forbids string evaluation). */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('labs ui in headless Chromium', () => {
  let tools: ToolStandIns;
  let ui: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    tools = await ToolStandIns.start();
    workDir = mkdtempSync(join(tmpdir(), 'labs-ui-test-'));
    const config = join(workDir, 'labs.config.json');
    writeFileSync(config, JSON.stringify({ gcp: { project: 'my-proj', backend: 'gs://my-proj-labs-state' } }));
    tools.createBucket('my-proj-labs-state');
    const env = tools.env({ LABS_CONFIG_FILE: config });
    for (const [lab, name, owner] of [
      ['kinesis-data', 'alice', 'alice@example.com'],
      ['kinesis-video', 'bob', 'bob@example.com'],
      ['bqml-classification', 'carol', 'carol@example.com'],
    ] as const) {
      const up = await runCli(['up', lab, '--env', name, '--owner', owner, '--ttl', '4h', '--yes'], { env });
      expect({ code: up.code, stderr: up.code ? up.stderr : '' }).toEqual({ code: 0, stderr: '' });
    }
    tools.clearCalls();
    ui = await startUi(env);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      // Playwright gives every launch a fresh, empty --user-data-dir of its own.
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    mkdirSync(DOCS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    ui?.child.kill('SIGINT');
    await tools?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** The destroy calls the cdk and pulumi stand-ins recorded (listing environments also calls them). */
  const destroys = () =>
    tools
      .calls()
      .filter((call) => call.args[0] === 'destroy')
      .map((call) => call.args.slice(0, 2));

  /** Opens a view, waits for `ready`, checks it with axe and no console errors, and saves its screenshot. */
  async function checkView(view: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
    consoleErrors.length = 0;
    await page.goto(`${ui.url}#${view}`);
    await ready(page);
    await page.evaluate(axe.source);
    // Page-side code is passed as text: this test compiles without the DOM library.
    const results = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as axe.AxeResults;
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(DOCS, `${view}.png`), fullPage: true });
  }

  it('Environments: both clouds with countdown and cost; destroy needs the confirmation and the token', async () => {
    await checkView('environments', (p) => p.getByRole('cell', { name: 'carol', exact: true }).waitFor());
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.join('\n')).toMatch(/aws\s+kinesis-data\s+alice\s+alice@example\.com/);
    expect(rows.join('\n')).toMatch(/gcp\s+bqml-classification\s+carol/);
    expect(rows.join('\n')).toMatch(/[34]h \d\dm \d\ds/);
    // Cost so far: the lab's hourly rate since creation (the CloudFormation stand-in created the AWS stacks
    // on 2026-11-28, so days at $0.032/h; the GCP stack was created by this test, so under a cent).
    const cells = (env: string) => page.locator('tbody tr', { hasText: env }).locator('td').allInnerTexts();
    const aliceCost = Number((await cells('alice'))[7]?.replace('$', ''));
    const days = (Date.now() - Date.parse('2026-11-28T00:00:00Z')) / 86_400_000;
    expect(aliceCost).toBeCloseTo(days * 24 * 0.0322, 0);
    expect((await cells('carol'))[7]).toBe('< $0.01');

    await page.getByLabel('Owner').fill('bob');
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Owner').fill('');

    // Without the token, from outside the page: refused, nothing destroyed.
    const body = JSON.stringify({ lab: 'kinesis-data', env: 'alice' });
    const noToken = await fetch(`${ui.url}api/environments/destroy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: string }).error).toMatch(/x-labs-token/);
    const token = await page.locator('meta[name="labs-token"]').getAttribute('content');
    const otherOrigin = await fetch(`${ui.url}api/environments/destroy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example', 'x-labs-token': token ?? '' },
      body,
    });
    expect(otherOrigin.status).toBe(403);
    expect(await statusWithHost(`${ui.url}api/labs`, `evil.example:${new URL(ui.url).port}`)).toBe(421);
    expect(destroys()).toEqual([]);

    // From the page: the dialog says what will happen; Cancel does nothing; confirming destroys.
    await page.getByRole('button', { name: 'Destroy labs-kinesis-data-alice' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.innerText()).resolves.toMatch(/Deletes the stack labs-kinesis-data-alice on AWS .*alice@example\.com/s);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(destroys()).toEqual([]);
    await page.getByRole('button', { name: 'Destroy labs-kinesis-data-alice' }).click();
    await dialog.getByRole('button', { name: 'Destroy' }).click();
    await page.getByText('labs-kinesis-data-alice destroyed').waitFor();
    expect(destroys()).toEqual([['destroy', 'labs-kinesis-data-alice']]);

    // Extend: the dialog names the command; confirming re-deploys with the later expiry.
    await page.getByRole('button', { name: 'Extend labs-kinesis-video-bob' }).click();
    await expect(dialog.innerText()).resolves.toMatch(/labs extend kinesis-video --env bob --ttl 2h/);
    await dialog.getByRole('button', { name: 'Extend by 2h' }).click();
    await page.getByText(/labs-kinesis-video-bob now expires at/).waitFor();
    const deploy = tools.calls().find((call) => call.args[0] === 'deploy' && call.args[1] === 'labs-kinesis-video-bob');
    const expiry = deploy?.args.find((arg) => arg.startsWith('expiresAt='))?.slice('expiresAt='.length) ?? '';
    expect((Date.parse(expiry) - Date.now()) / 3_600_000).toBeGreaterThan(5.9);
  });

  it('Labs: each lab with what it creates, its hourly cost and how to run it', async () => {
    await checkView('labs', (p) => p.getByRole('heading', { name: /automl-vision/ }).waitFor());
    const api = (await (await fetch(`${ui.url}api/labs`)).json()) as unknown;
    const cli = await runCli(['list', '--json']);
    expect(api).toEqual(JSON.parse(cli.stdout));
    const card = page.getByRole('article', { name: /kinesis-data/ });
    await expect(card.innerText()).resolves.toMatch(/About \$0\.\d{3} per hour[\s\S]*labs up kinesis-data --env <name>/);
  });

  it('Kinesis Data: starts the offline lab and the live chart receives updates over SSE', async () => {
    await checkView('kinesis-data', (p) => p.getByRole('button', { name: 'Start offline run' }).waitFor());
    await page.getByRole('button', { name: 'Start offline run' }).click();
    await until(async () => Number(await page.locator('#kds-updates').innerText()) >= 4, 60_000);
    const produced = Number(await page.locator('.figures dd').nth(2).innerText());
    expect(produced).toBeGreaterThan(0);
    expect(await page.locator('.chart canvas').count()).toBe(2);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(DOCS, 'kinesis-data.png'), fullPage: true });
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('heading', { name: 'Summary' }).waitFor({ timeout: 60_000 });
    const summary = JSON.parse(await page.locator('pre').last().innerText()) as { produced: number; delivered: number };
    expect(summary.delivered).toBe(summary.produced);
  });

  it('Kinesis Video: the offline PutMedia run plays in the video element', async () => {
    await checkView('kinesis-video', (p) => p.getByRole('button', { name: 'Run offline and play' }).waitFor());
    await page.getByRole('button', { name: 'Run offline and play' }).click();
    await page.getByText('offline run ready').waitFor({ timeout: 90_000 });
    const currentTime = () => page.locator('#kvs-video').evaluate((video: { currentTime: number }) => video.currentTime);
    await until(async () => (await currentTime()) > 1, 30_000);
    const state = await page
      .locator('#kvs-video')
      .evaluate((video: { videoWidth: number; videoHeight: number; error: { message: string } | null }) => ({
        width: video.videoWidth,
        height: video.videoHeight,
        error: video.error?.message ?? null,
      }));
    expect(state).toEqual({ width: 640, height: 480, error: null });

    // The same run as HLS, as a deployed stream's playback URL serves it: hls.js plays it through Media Source Extensions.
    await page.getByLabel('HLS playback URL').fill('/api/kinesis-video/hls/index.m3u8');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByText('playing the offline run through HLS').waitFor();
    const hlsPlayback = () =>
      page.locator('#kvs-video').evaluate((video: { currentSrc: string; currentTime: number }) => ({
        mse: video.currentSrc.startsWith('blob:'),
        time: video.currentTime,
      }));
    await until(async () => {
      const playback = await hlsPlayback();
      return playback.mse && playback.time > 1;
    }, 30_000);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(DOCS, 'kinesis-video.png'), fullPage: true });
  });

  it('BigQuery ML: ROC curve, lift/ROI table and confusion matrix of the shipped sample', async () => {
    await checkView('bqml', (p) => p.getByRole('table', { name: /Confusion matrix/ }).waitFor());
    const cli = await runCli(['local', 'bqml-classification', '--predictions', 'packages/bigquery-ml/sample/predictions.jsonl', '--json']);
    const analysis = JSON.parse(cli.stdout) as { roc_auc: number; rows: number };
    await expect(page.locator('main').innerText()).resolves.toContain(`ROC AUC ${analysis.roc_auc.toFixed(4)}`);
    const matrix = await page
      .getByRole('table', { name: /Confusion matrix/ })
      .locator('tbody td')
      .allInnerTexts();
    expect(matrix.map(Number).reduce((a, b) => a + b, 0)).toBe(analysis.rows);
    expect(await page.getByRole('table', { name: 'Lift by decile' }).locator('tbody tr').count()).toBe(10);
  });

  it('Teradata: translation round trip with warnings and ZetaSQL verdicts, the same JSON as labs translate', async () => {
    const sql = [
      'SEL TOP 5 o_orderkey FROM tpch.orders;',
      'SELECT o_totalprice MOD 7 FROM tpch.orders;',
      'LOCKING ROW FOR ACCESS SELECT o_orderkey FROM tpch.orders SAMPLE 0.1;',
    ].join('\n');
    await checkView('teradata', (p) => p.getByLabel('Teradata SQL').waitFor());
    await page.getByLabel('Teradata SQL').fill(sql);
    await page.getByRole('button', { name: 'Translate' }).click();
    await page.getByText('3 statements translated and checked').waitFor({ timeout: 60_000 });
    const outputs = await page.locator('pre.bigquery').allInnerTexts();
    const cli = await runCli(['translate', '--from', 'teradata', '--json'], { input: sql });
    const records = JSON.parse(cli.stdout) as { output: string }[];
    expect(outputs).toEqual(records.map((r) => r.output));
    expect(await page.getByText('ZetaSQL: accepted').count()).toBe(3);
    await expect(page.locator('.warnings').innerText()).resolves.toMatch(/warning: SAMPLE fraction became WHERE RAND\(\) < fraction/);
    const api = await fetch(`${ui.url}api/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql }),
    });
    expect(await api.json()).toEqual(records);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(DOCS, 'teradata.png'), fullPage: true });
  });
});
