import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One recorded call of a stand-in. */
export interface RecordedCall {
  readonly tool: 'cdk' | 'pulumi';
  readonly args: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

interface StandInStack {
  cloud: 'aws' | 'gcp';
  owner?: string;
  expiresAt?: string;
  [key: string]: unknown;
}

/**
 * Recording stand-ins for `cdk` and `pulumi` on PATH, plus a CloudFormation `DescribeStacks` endpoint on
 * loopback (its documented Query/XML wire protocol) that reports the stacks the `cdk` stand-in deployed,
 * and an STS `AssumeRole` endpoint (same protocol) that records the session tags it was asked for.
 */
export class ToolStandIns {
  private constructor(
    readonly dir: string,
    private readonly server: Server,
    private readonly port: number,
  ) {}

  /** Creates the stand-ins in a fresh temp directory and starts the CloudFormation endpoint. */
  static async start(): Promise<ToolStandIns> {
    const dir = mkdtempSync(join(tmpdir(), 'labs-standins-'));
    const script = join(__dirname, '..', 'bin', 'recording-tool.js');
    chmodSync(script, 0o755);
    for (const tool of ['cdk', 'pulumi']) symlinkSync(script, join(dir, tool));
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        const form = new URLSearchParams(body);
        if (form.get('Action') === 'AssumeRole') {
          appendFileSync(join(dir, 'sts-calls.jsonl'), `${JSON.stringify(Object.fromEntries(form))}\n`);
          res.end(assumeRoleXml());
        } else res.end(describeStacksXml(readState(dir)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return new ToolStandIns(dir, server, typeof address === 'object' && address ? address.port : 0);
  }

  /** Environment for the CLI: stand-ins first on PATH, the CloudFormation endpoint, a fixed account. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: `${this.dir}:${process.env.PATH ?? ''}`,
      LABS_CDK: join(this.dir, 'cdk'),
      LABS_STANDIN_DIR: this.dir,
      AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${this.port}`,
      AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${this.port}`,
      AWS_ACCOUNT_ID: '123456789012',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test-only-not-a-key',
      AWS_SECRET_ACCESS_KEY: 'test-only-not-a-secret',
      ...extra,
    };
  }

  /** The calls recorded so far. */
  calls(): RecordedCall[] {
    const file = join(this.dir, 'calls.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedCall);
  }

  /** The STS AssumeRole requests recorded so far (their form parameters, e.g. `Tags.member.1.Key`). */
  assumeRoleCalls(): Record<string, string>[] {
    const file = join(this.dir, 'sts-calls.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, string>);
  }

  /** Forgets the recorded calls (the deployed state stays). */
  clearCalls(): void {
    writeFileSync(join(this.dir, 'calls.jsonl'), '');
  }

  /** Stops the CloudFormation endpoint. */
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function readState(dir: string): Record<string, StandInStack> {
  const file = join(dir, 'state.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { stacks: Record<string, StandInStack> }).stacks : {};
}

function describeStacksXml(stacks: Record<string, StandInStack>): string {
  const members = Object.entries(stacks)
    .filter(([, stack]) => stack.cloud === 'aws')
    .map(
      ([
        name,
        stack,
      ]) => `<member><StackName>${name}</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/1</StackId>
<CreationTime>2026-11-28T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Tags>
<member><Key>labs-owner</Key><Value>${stack.owner ?? ''}</Value></member>
<member><Key>labs-expires-at</Key><Value>${stack.expiresAt ?? ''}</Value></member></Tags></member>`,
    )
    .join('');
  return `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks>${members}</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeStacksResponse>`;
}

function assumeRoleXml(): string {
  const expiration = new Date(Date.now() + 3_600_000).toISOString();
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATESTONLYNOTAKEY</AccessKeyId><SecretAccessKey>test-only-not-a-secret</SecretAccessKey><SessionToken>test-only-session</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/labs-cfn-deploy-us-east-1/labs</Arn><AssumedRoleId>AROATESTONLY:labs</AssumedRoleId></AssumedRoleUser><PackedPolicySize>1</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}
