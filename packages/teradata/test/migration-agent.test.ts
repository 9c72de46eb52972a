import { LabsError } from '@labs/config';
import { agentConfiguration, agentCredentialsFile, agentFiles, agentIdFor, AGENT_PATHS, agentSystemdUnit } from '../src';

/**
 * The agent's configuration fields as its documentation lists them ("Migrate schema and data from
 * Teradata", "Configuration file for the migration agent" and "Transfer job options").
 */
const DOCUMENTED_TOP_LEVEL = ['agent-id', 'transfer-configuration', 'source-type', 'console-log', 'silent', 'teradata-config'];
const DOCUMENTED_TRANSFER_CONFIGURATION = ['project-id', 'location', 'id'];
const DOCUMENTED_TERADATA_CONFIG = [
  'connection',
  'local-processing-space',
  'database-credentials-file-path',
  'max-local-storage',
  'gcs-upload-chunk-size',
  'use-tpt',
  'transfer-views',
  'max-sessions',
  'spool-mode',
  'max-parallel-upload',
  'max-parallel-extract-threads',
  'session-charset',
  'max-unload-file-size',
  'tpt-template-path',
  'tpt-export-count',
  'tpt-file-writer-count',
  'schema-mapping-rule-path',
  'compress-output',
  'gcs-module-config-dir',
];

const TRANSFER = 'projects/my-lab-project/locations/us/transferConfigs/61d7ab69-0000-2f6c-9b6c-14c14ef21038';
const SECRET = 'projects/my-lab-project/secrets/td2bq-alice-teradata-password/versions/latest';

describe('migration agent configuration (generated, no --initialize prompts)', () => {
  const config = agentConfiguration({
    transferConfigName: TRANSFER,
    credentialsFilePath: '/etc/td2bq-agent/credentials',
    localProcessingSpace: '/var/lib/td2bq-agent/extracted',
  });

  it('has exactly the documented fields, in the documented nesting', () => {
    expect(Object.keys(config)).toEqual(DOCUMENTED_TOP_LEVEL);
    expect(Object.keys(config['transfer-configuration'])).toEqual(DOCUMENTED_TRANSFER_CONFIGURATION);
    for (const key of Object.keys(config['teradata-config'])) expect(DOCUMENTED_TERADATA_CONFIG).toContain(key);
    expect(Object.keys(config['teradata-config'].connection)).toEqual(['host', 'port']);
  });

  it('points at the transfer, the local Teradata, the credentials file; prompts off; no TPT (it writes the password in clear)', () => {
    expect(config['transfer-configuration']).toEqual({
      'project-id': 'my-lab-project',
      location: 'us',
      id: '61d7ab69-0000-2f6c-9b6c-14c14ef21038',
    });
    expect(config['source-type']).toBe('teradata');
    expect(config.silent).toBe(true);
    expect(config['teradata-config']).toMatchObject({
      connection: { host: 'localhost', port: 1025 },
      'database-credentials-file-path': '/etc/td2bq-agent/credentials',
      'local-processing-space': '/var/lib/td2bq-agent/extracted',
      'use-tpt': false,
      'max-local-storage': '50GB',
      'spool-mode': 'NoSpool',
    });
  });

  it('keeps one agent id per transfer (UUID layout)', () => {
    expect(config['agent-id']).toBe(agentIdFor(TRANSFER));
    expect(config['agent-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(agentIdFor(TRANSFER.replace('61d7', '71d7'))).not.toBe(config['agent-id']);
  });

  it('refuses a malformed transfer name and sizes with a clear error', () => {
    const base = { credentialsFilePath: '/c', localProcessingSpace: '/x' };
    expect(() => agentConfiguration({ ...base, transferConfigName: 'td2bq-alice' })).toThrow(
      new LabsError('invalid transfer config name "td2bq-alice": expected projects/<project>/locations/<location>/transferConfigs/<id>'),
    );
    expect(() => agentConfiguration({ ...base, transferConfigName: TRANSFER, maxLocalStorage: '50 gigs' })).toThrow(
      'invalid agent setting maxLocalStorage "50 gigs"',
    );
    expect(() => agentConfiguration({ ...base, transferConfigName: TRANSFER, port: 70000 })).toThrow('invalid Teradata port 70000');
  });
});

describe('agent credentials file', () => {
  it('is the documented two-line Secret Manager form: a username and a secret resource id, never a password', () => {
    const text = agentCredentialsFile({ username: 'td2bq_agent', secretResourceId: SECRET });
    expect(text).toBe(`username=td2bq_agent\nsecret_resource_id=${SECRET}\n`);
    expect(text).not.toMatch(/^password=/m);
  });

  it('accepts only a secret version resource id, so a password cannot be passed for one', () => {
    for (const bad of ['hunter2', 'projects/p/secrets/s', 'projects/p/secrets/s/versions/0', `${SECRET}\npassword=x`]) {
      expect(() => agentCredentialsFile({ username: 'td2bq_agent', secretResourceId: bad })).toThrow(LabsError);
    }
    expect(() => agentCredentialsFile({ username: 'u\npassword=x', secretResourceId: SECRET })).toThrow('invalid Teradata username');
  });
});

describe('agent files and systemd unit', () => {
  const files = agentFiles({ transferConfigName: TRANSFER, username: 'td2bq_agent', secretResourceId: SECRET });

  it('wires the credentials file path of the config to where the unit expects it', () => {
    expect(JSON.parse(files.configText)).toEqual(files.config);
    expect(files.config['teradata-config']['database-credentials-file-path']).toBe(AGENT_PATHS.credentialsFile);
    expect(files.config['teradata-config']['local-processing-space']).toBe(`${AGENT_PATHS.workDir}/extracted`);
    expect(files.unit).toContain(`ConditionPathExists=${AGENT_PATHS.credentialsFile}`);
    expect(files.unit).toContain(`ConditionPathExists=${AGENT_PATHS.configFile}`);
  });

  it('runs the agent with --configuration-file (never --initialize), unprivileged, answering its Enter prompt', () => {
    const unit = agentSystemdUnit(AGENT_PATHS, 'agent');
    const execStart = unit.split('\n').find((line) => line.startsWith('ExecStart='))!;
    expect(execStart).toBe(
      'ExecStart=/usr/bin/java -cp /opt/td2bq-agent/terajdbc4.jar:/opt/td2bq-agent/mirroring-agent.jar ' +
        'com.google.cloud.bigquery.dms.Agent --configuration-file=/etc/td2bq-agent/agent-config.json',
    );
    expect(unit).not.toContain('--initialize');
    expect(unit).toContain('User=td2bq-agent');
    expect(Buffer.from(/StandardInputData=(\S+)/.exec(unit)![1]!, 'base64').toString()).toBe('\n');
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^WantedBy=multi-user.target$/m);
  });

  it('holds no password anywhere', () => {
    for (const text of [files.configText, files.credentials, files.unit]) expect(text.toLowerCase()).not.toMatch(/password\s*[=:]/);
  });
});
