import { createServer } from 'node:net';
import { runCli } from '@labs/testing';

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
