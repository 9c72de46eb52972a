import { GCP_CREDENTIALS_ADVICE, LabsError, type ProjectConfig } from '@labs/config';
import { KMS_API, LAB_APIS } from '@labs/infra-gcp/src/lab-apis';
import { PULUMI_DIR } from '../cloud/gcp-environments';
import { BackendMissingError, readBackend } from '../cloud/pulumi-backend';
import { backendUrl, checkSecrets } from '../cloud/pulumi-commands';
import { runTool } from '../cloud/tool-runner';
import { check, type CloudDoctor, type DoctorCheck } from './check';
import { nodeCheck } from './node-check';

/** The Google APIs the doctor reads, authenticated with Application Default Credentials (injected in tests). */
export interface GcpDoctorApi {
  /** The account behind Application Default Credentials (an email). */
  account(): Promise<string>;
  /** A GET on a Google REST API; rejects with the API's error message. */
  get<T>(url: string): Promise<T>;
  /** A POST on a Google REST API. */
  post<T>(url: string, body: unknown): Promise<T>;
}

/** The deployer's permissions on the project, each with the role that carries it (README "Deploying for real"). */
export const DEPLOYER_PERMISSIONS: Readonly<Record<string, string>> = {
  'resourcemanager.projects.get': 'roles/browser',
  'resourcemanager.projects.setIamPolicy': 'roles/resourcemanager.projectIamAdmin',
  'iam.serviceAccounts.create': 'roles/iam.serviceAccountAdmin',
  'iam.serviceAccounts.delete': 'roles/iam.serviceAccountAdmin',
  'iam.serviceAccounts.setIamPolicy': 'roles/iam.serviceAccountAdmin',
  'bigquery.datasets.create': 'roles/bigquery.dataOwner',
  'bigquery.datasets.update': 'roles/bigquery.dataOwner',
  'bigquery.datasets.delete': 'roles/bigquery.dataOwner',
  'bigquery.tables.update': 'roles/bigquery.dataOwner',
  'bigquery.models.updateMetadata': 'roles/bigquery.dataOwner',
  'storage.objects.create': 'roles/storage.objectAdmin (on the state bucket)',
  'storage.objects.delete': 'roles/storage.objectAdmin (on the state bucket)',
};

/** What the foundation (`labs bootstrap --cloud gcp`) needs besides. */
export const BOOTSTRAP_PERMISSIONS: Readonly<Record<string, string>> = {
  'serviceusage.services.enable': 'roles/serviceusage.serviceUsageAdmin',
  'storage.buckets.create': 'roles/storage.admin',
  'iam.workloadIdentityPools.create': 'roles/iam.workloadIdentityPoolAdmin (only with aws.account)',
};

const CRM = 'https://cloudresourcemanager.googleapis.com/v1/projects';

/** The real API: google-auth-library with Application Default Credentials (never a key file in the repository). */
async function googleApi(): Promise<GcpDoctorApi> {
  const { GoogleAuth } = await import('google-auth-library');
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  const request = async <T>(url: string, method: 'GET' | 'POST', data?: unknown): Promise<T> => {
    const client = await auth.getClient();
    try {
      return (await client.request<T>({ url, method, data })).data;
    } catch (error) {
      const body = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data;
      throw new Error(body?.error?.message ?? (error as Error).message, { cause: error });
    }
  };
  return {
    async account() {
      const credentials = await auth.getCredentials();
      if (credentials.client_email) return credentials.client_email;
      const token = await auth.getAccessToken();
      const info = await request<{ email?: string }>(`https://oauth2.googleapis.com/tokeninfo?access_token=${token ?? ''}`, 'GET');
      return info.email ?? 'unknown account';
    },
    get: (url) => request(url, 'GET'),
    post: (url, body) => request(url, 'POST', body),
  };
}

/** The checks that need the project, or one failed line when it is not configured. */
async function projectChecks(api: GcpDoctorApi, config: ProjectConfig): Promise<DoctorCheck[]> {
  const project = config.gcp.project;
  if (!project) {
    return [{ name: 'project', ok: false, detail: 'gcp.project is not set in labs.config.json: add {"gcp": {"project": "<project-id>"}}' }];
  }
  return Promise.all([
    check('project', async () => {
      const found = await api.get<{ projectId: string; lifecycleState?: string }>(`${CRM}/${project}`);
      if (found.lifecycleState && found.lifecycleState !== 'ACTIVE') throw new LabsError(`project ${project} is ${found.lifecycleState}`);
      return `${project} (${found.lifecycleState ?? 'ACTIVE'})`;
    }),
    check('billing', async () => {
      const billing = await api.get<{ billingEnabled?: boolean; billingAccountName?: string }>(
        `https://cloudbilling.googleapis.com/v1/projects/${project}/billingInfo`,
      );
      if (!billing.billingEnabled) throw new LabsError(`billing is not enabled on ${project}: link a billing account in the console`);
      return `enabled (${billing.billingAccountName ?? 'billing account'})`;
    }),
    check('apis', async () => {
      const enabled = new Set<string>();
      let pageToken = '';
      do {
        const page = await api.get<{ services?: { config?: { name?: string } }[]; nextPageToken?: string }>(
          `https://serviceusage.googleapis.com/v1/projects/${project}/services?filter=state:ENABLED&pageSize=200${pageToken ? `&pageToken=${pageToken}` : ''}`,
        );
        for (const service of page.services ?? []) if (service.config?.name) enabled.add(service.config.name);
        pageToken = page.nextPageToken ?? '';
      } while (pageToken);
      const wanted: string[] = [...LAB_APIS, ...(config.gcp.kmsKeyName ? [KMS_API] : [])];
      const missing = wanted.filter((name) => !enabled.has(name));
      if (missing.length) throw new LabsError(`not enabled: ${missing.join(', ')} (run 'labs bootstrap --cloud gcp')`);
      return `${wanted.length} lab APIs enabled`;
    }),
    check('roles', async () => {
      const wanted = { ...DEPLOYER_PERMISSIONS, ...BOOTSTRAP_PERMISSIONS };
      const granted = await api.post<{ permissions?: string[] }>(`${CRM}/${project}:testIamPermissions`, {
        permissions: Object.keys(wanted),
      });
      const held = new Set(granted.permissions ?? []);
      const missing = Object.entries(wanted).filter(([permission]) => !held.has(permission));
      const needed = missing.filter(([permission]) => permission in DEPLOYER_PERMISSIONS);
      if (needed.length) {
        throw new LabsError(`missing ${needed.map(([p, role]) => `${p} (${role})`).join(', ')}`);
      }
      return missing.length
        ? `can deploy environments; bootstrap also needs ${missing.map(([p, role]) => `${p} (${role})`).join(', ')}`
        : 'can bootstrap and deploy environments';
    }),
  ]);
}

/** What a real GCP project needs before a first deploy, with the checks' edges injectable. */
export async function gcpChecks(
  config: ProjectConfig,
  deps: { api?: () => Promise<GcpDoctorApi>; readStacks?: typeof readBackend } = {},
): Promise<DoctorCheck[]> {
  const api = await (deps.api ?? googleApi)();
  const credentials = await check('application default credentials', async () => {
    try {
      return `account ${await api.account()}`;
    } catch (error) {
      throw new LabsError(`${(error as Error).message} (${GCP_CREDENTIALS_ADVICE})`);
    }
  });
  const cloudChecks = credentials.ok
    ? await projectChecks(api, config)
    : [{ name: 'project', ok: false, detail: 'not checked: no Application Default Credentials' }];
  return [
    await nodeCheck(),
    credentials,
    ...cloudChecks,
    await check('pulumi cli', async () => {
      const result = await runTool({
        tool: 'pulumi',
        args: ['version'],
        cwd: PULUMI_DIR,
        logName: 'doctor-pulumi-version',
        quiet: true,
      }).catch((error: Error) => {
        throw new LabsError(`${error.message}: install the Pulumi CLI (https://www.pulumi.com/docs/install/)`);
      });
      if (result.code !== 0) throw new LabsError(`pulumi version failed: ${result.errorSummary}`);
      return `pulumi ${result.output.trim()}`;
    }),
    await check('pulumi backend', async () => {
      const url = backendUrl(config);
      try {
        const stacks = await (deps.readStacks ?? readBackend)(url);
        return `${url}: ${stacks.length} stack(s)`;
      } catch (error) {
        if (error instanceof BackendMissingError) throw new LabsError(`${url} does not exist yet: run 'labs bootstrap --cloud gcp'`);
        throw error;
      }
    }),
    await check('secrets', () => {
      const provider = checkSecrets(config);
      return provider === 'passphrase' ? 'passphrase provider, PULUMI_CONFIG_PASSPHRASE(_FILE) set' : `secrets provider ${provider}`;
    }),
  ];
}

/** What a real GCP project needs before a first deploy. */
export const gcpDoctor: CloudDoctor = (config) => gcpChecks(config);
