import { runCli } from '@labs/testing';
import { Command } from 'commander';
import { main } from '../src/main';

// A key-id-shaped value, assembled so that no tracked file looks like it holds one.
const KEY_ID = ['ASIA', 'ABCDEFGHIJKLMNOP'].join('');

describe('the CLI error path prints tokens, signatures and credentials redacted', () => {
  it('redacts an unexpected error carrying a bearer token, an X-Amz-Signature and an access_token', async () => {
    const written: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    const failure = new Error(
      'GET https://b.s3.amazonaws.com/k?X-Amz-Signature=0123456789abcdef with Authorization: Bearer ya29.a0secret failed: {"access_token":"ya29.c.other"}',
    );
    const parse = jest.spyOn(Command.prototype, 'parseAsync').mockRejectedValue(failure);
    try {
      expect(await main(['status'])).toBe(1);
    } finally {
      parse.mockRestore();
      stderr.mockRestore();
    }
    expect(written.join('')).toBe(
      'error: GET https://b.s3.amazonaws.com/k?X-Amz-Signature=[REDACTED] with Authorization: Bearer [REDACTED] failed: {"access_token":"[REDACTED]"}\n',
    );
  });

  it('redacts a signed URL echoed back in a bad-input error, exit 2, no stack trace', async () => {
    const result = await runCli(['up', `https://x.example/p?X-Amz-Signature=abcdef0123&X-Amz-Credential=${KEY_ID}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: unknown lab "https://x.example/p?X-Amz-Signature=[REDACTED]&X-Amz-Credential=[REDACTED]"');
    expect(result.stderr).not.toMatch(new RegExp(`abcdef0123|${KEY_ID}|\\n\\s+at `));
  });

  it('redacts a token passed where commander reports it (an unknown option)', async () => {
    const result = await runCli(['up', 'kinesis-data', '--access_token=ya29.secretvalue']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--access_token=[REDACTED]'");
    expect(result.stderr).not.toContain('secretvalue');
  });
});
