import { parseProjectConfig } from '@labs/config';
import { ToolStandIns } from '@labs/testing';
import { BackendMissingError } from '../src/cloud/pulumi-backend';
import { DEPLOYER_PERMISSIONS, gcpChecks, type GcpDoctorApi } from '../src/doctor/gcp-checks';
import { LAB_APIS } from '@labs/infra-gcp/src/lab-apis';

/** A project as the Google APIs describe it: what is enabled, granted and billed. */
function projectApi(project: {
  billing?: boolean;
  apis?: readonly string[];
  permissions?: readonly string[];
  account?: string;
}): GcpDoctorApi & {
  urls: string[];
} {
  const urls: string[] = [];
  return {
    urls,
    account: async () => {
      if (!project.account) throw new Error('Could not load the default credentials');
      return project.account;
    },
    get: async <T>(url: string) => {
      urls.push(url);
      if (url.includes('cloudresourcemanager')) return { projectId: 'my-proj', lifecycleState: 'ACTIVE' } as T;
      if (url.includes('billingInfo')) return { billingEnabled: project.billing ?? true, billingAccountName: 'billingAccounts/0-1' } as T;
      if (url.includes('serviceusage')) return { services: (project.apis ?? LAB_APIS).map((name) => ({ config: { name } })) } as T;
      throw new Error(`unexpected GET ${url}`);
    },
    post: async <T>(url: string, body: unknown) => {
      urls.push(url);
      const asked = (body as { permissions: string[] }).permissions;
      return { permissions: asked.filter((p) => (project.permissions ?? asked).includes(p)) } as T;
    },
  };
}

describe('labs doctor --cloud gcp', () => {
  let tools: ToolStandIns;
  const saved = { ...process.env };
  beforeAll(async () => {
    tools = await ToolStandIns.start();
    Object.assign(process.env, tools.env());
  });
  afterAll(async () => {
    process.env = saved;
    await tools.stop();
  });
  const config = parseProjectConfig({ gcp: { project: 'my-proj' } });
  const byName = (checks: { name: string; ok: boolean; detail: string }[]) => Object.fromEntries(checks.map((c) => [c.name, c]));

  it('passes on a bootstrapped project: account, project, billing, APIs, roles, pulumi CLI, backend, secrets', async () => {
    const api = projectApi({ account: 'alice@example.com' });
    const checks = await gcpChecks(config, { api: async () => api, readStacks: async () => [] });
    expect(checks.map((c) => c.name)).toEqual([
      'node version',
      'application default credentials',
      'project',
      'billing',
      'apis',
      'roles',
      'pulumi cli',
      'pulumi backend',
      'secrets',
    ]);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const named = byName(checks);
    expect(named['application default credentials']?.detail).toBe('account alice@example.com');
    expect(named['pulumi cli']?.detail).toBe('pulumi v3.248.0');
    expect(named['pulumi backend']?.detail).toBe('gs://my-proj-labs-state: 0 stack(s)');
    expect(api.urls).toContain('https://cloudresourcemanager.googleapis.com/v1/projects/my-proj:testIamPermissions');
  });

  it('says what is missing and how to fix it', async () => {
    const api = projectApi({
      account: 'bob@example.com',
      billing: false,
      apis: LAB_APIS.filter((name) => name !== 'cloudresourcemanager.googleapis.com'),
      permissions: Object.keys(DEPLOYER_PERMISSIONS).filter((p) => p !== 'iam.serviceAccounts.setIamPolicy'),
    });
    const missingBackend = async () => {
      throw new BackendMissingError('gone');
    };
    const { PULUMI_CONFIG_PASSPHRASE: _passphrase, ...withoutPassphrase } = process.env;
    process.env = withoutPassphrase;
    const checks = byName(await gcpChecks(config, { api: async () => api, readStacks: missingBackend }));
    process.env.PULUMI_CONFIG_PASSPHRASE = 'test-only-passphrase';
    expect(checks.billing).toMatchObject({ ok: false, detail: 'billing is not enabled on my-proj: link a billing account in the console' });
    expect(checks.apis).toMatchObject({
      ok: false,
      detail: "not enabled: cloudresourcemanager.googleapis.com (run 'labs bootstrap --cloud gcp')",
    });
    expect(checks.roles).toMatchObject({ ok: false, detail: 'missing iam.serviceAccounts.setIamPolicy (roles/iam.serviceAccountAdmin)' });
    expect(checks['pulumi backend']).toMatchObject({
      ok: false,
      detail: "gs://my-proj-labs-state does not exist yet: run 'labs bootstrap --cloud gcp'",
    });
    expect(checks.secrets?.ok).toBe(false);
    expect(checks.secrets?.detail).toMatch(/set PULUMI_CONFIG_PASSPHRASE/);
  });

  it('without Application Default Credentials, says how to log in and skips the project checks', async () => {
    const checks = byName(await gcpChecks(config, { api: async () => projectApi({}), readStacks: async () => [] }));
    expect(checks['application default credentials']).toMatchObject({
      ok: false,
      detail: "Could not load the default credentials (run 'gcloud auth application-default login'; never a key file)",
    });
    expect(checks.project).toMatchObject({ ok: false, detail: 'not checked: no Application Default Credentials' });
  });
});
