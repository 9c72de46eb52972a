import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentFiles, namedQueries, passwordSecretVersionFor, sourceVmStartupScript, TPCH_DDL_FILE, TPCH_QUERIES_FILE } from '../src';

/**
 * Runs the generated startup script with recording stand-ins for the VM's tools (apt-get, gcloud, 7z,
 * bteq, tdload, systemctl, curl, …) and its absolute paths moved under a temporary root, to check its
 * control flow: the steps in order, the wait for the user's media, idempotent re-runs, and where the
 * generated password goes.
 */
const MEDIA = {
  vantageExpress: 'gs://lab-bucket/teradata-media/vantage-express.7z',
  tools: 'gs://lab-bucket/teradata-media/ttu-ubuntu.tar.gz',
  jdbcDriver: 'gs://lab-bucket/teradata-media/terajdbc.zip',
};
const PATHS = ['/var/lib/td2bq-source', '/var/lib/td2bq-agent', '/etc/systemd/system', '/etc/td2bq-agent', '/opt/td2bq-agent', '/dev/kvm'];

const STAND_INS: Record<string, string> = {
  'apt-get': 'log "$@"',
  gcloud: `log "$@"
if [ "$1 $2" = "storage cp" ]; then src="$FAKE/gcs/\${3#gs://}"; [ -f "$src" ] || exit 1; cp "$src" "$4"; exit 0; fi
if [ "$1 $2 $3" = "secrets versions add" ]; then cat > "$FAKE/secret-version"; exit 0; fi`,
  sleep:
    'log "$@"; mkdir -p "$FAKE/gcs/lab-bucket/teradata-media"; for f in vantage-express.7z ttu-ubuntu.tar.gz terajdbc.zip; do echo media > "$FAKE/gcs/lab-bucket/teradata-media/$f"; done',
  '7z': 'log "$@"; out="${3#-o}"; mkdir -p "$out/ve"; touch "$out/ve/disk1.vmdk" "$out/ve/disk1-s001.vmdk" "$out/ve/disk2.vmdk"',
  tar: 'log "$@"; mkdir -p "$4/ttu"; printf "#!/bin/bash\\necho setup \\"\\$@\\" >> $FAKE/calls\\n" > "$4/ttu/setup.sh"; chmod +x "$4/ttu/setup.sh"',
  unzip: 'log "$@"; touch "$6/terajdbc4.jar"',
  curl: `log "$@"
case "$*" in
  *guest-attributes*) key="\${@: -1}"; key="\${key##*/}"; printf '%s=%s\\n' "$key" "$5" >> "$FAKE/guest-attributes" ;;
  *-o*) touch "$3" ;;
esac`,
  systemctl: 'log "$@"',
  bteq: `input=$(cat); log "<stdin>"; printf '%s\\n----\\n' "$input" >> "$FAKE/bteq-input"
case "$input" in *row_counts*) printf 'table_name  row_count\\nregion            5\\nlineitem     600572\\n' ;; esac`,
  git: 'log "$@"; mkdir -p "${@: -1}"; printf "#!/bin/bash\\nfor t in region nation part supplier partsupp customer orders lineitem; do echo \\"1|x|\\" > \\$t.tbl; done\\n" > "${@: -1}/dbgen"; chmod +x "${@: -1}/dbgen"',
  make: 'log "$@"',
  tdload: 'log "$@"',
  useradd: 'log "$@"',
  id: 'exit 1',
  install: 'log "$@"; for a in "$@"; do case "$a" in /*) mkdir -p "$a" ;; esac; done',
  chown: 'log "$@"',
};

function setUp(): { root: string; fake: string; bin: string; script: string } {
  const root = mkdtempSync(join(tmpdir(), 'td-vm-'));
  const fake = join(root, 'fake');
  const bin = join(root, 'bin');
  mkdirSync(fake, { recursive: true });
  mkdirSync(bin);
  for (const [name, body] of Object.entries(STAND_INS)) {
    const file = join(bin, name);
    writeFileSync(file, `#!/bin/bash\nlog() { echo "${name} $*" >> "$FAKE/calls"; }\n${body}\n`);
    chmodSync(file, 0o755);
  }
  const queries = namedQueries(readFileSync(TPCH_QUERIES_FILE, 'utf8'), 'q');
  let script = sourceVmStartupScript({
    media: MEDIA,
    agent: agentFiles({
      transferConfigName: 'projects/p/locations/us/transferConfigs/abc',
      username: 'td2bq_agent',
      secretResourceId: passwordSecretVersionFor('p', 'alice'),
    }),
    agentUsername: 'td2bq_agent',
    passwordSecret: 'projects/p/secrets/td2bq-alice-teradata-password',
    ddl: readFileSync(TPCH_DDL_FILE, 'utf8'),
    rowCountsQuery: queries[0]!.sql,
  });
  for (const path of PATHS) script = script.split(path).join(`${root}${path}`);
  mkdirSync(join(root, 'etc/systemd/system'), { recursive: true });
  mkdirSync(join(root, 'dev'), { recursive: true });
  writeFileSync(join(root, 'dev/kvm'), '');
  return { root, fake, bin, script };
}

function run(env: { fake: string; bin: string; script: string }): { code: number; stdout: string } {
  try {
    const stdout = execFileSync('bash', ['-c', env.script], {
      env: { ...process.env, PATH: `${env.bin}:${process.env.PATH}`, FAKE: env.fake },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, stdout };
  } catch (error) {
    return { code: (error as { status: number }).status, stdout: String((error as { stdout?: string }).stdout ?? '') };
  }
}

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

describe('source VM startup script, run against stand-ins', () => {
  const vm = setUp();
  let first: { code: number; stdout: string };
  let callsAfterFirst: string;
  let second: { code: number; stdout: string };
  beforeAll(() => {
    first = run(vm);
    callsAfterFirst = read(join(vm.fake, 'calls'));
    second = run(vm);
  });

  it('reports the steps in order as guest attributes, ending ready, with the source’s row counts', () => {
    expect(first.code).toBe(0);
    const attributes = read(join(vm.fake, 'guest-attributes')).trim().split('\n');
    const statuses = attributes.filter((line) => line.startsWith('status=')).map((line) => line.slice(7));
    expect(statuses.slice(0, 7)).toEqual([
      'installing-hypervisor',
      'waiting-for-media',
      'starting-vantage-express',
      'installing-tools',
      'loading-tpch',
      'starting-agent',
      'ready',
    ]);
    expect(attributes).toContain('waiting-for=gs://lab-bucket/teradata-media/vantage-express.7z');
    expect(attributes).toContain('row-counts={"region":5,"lineitem":600572}');
  });

  it('waits for the user’s media in Cloud Storage instead of downloading it', () => {
    expect(callsAfterFirst).toContain('sleep 60');
    expect(callsAfterFirst).toContain('gcloud storage cp gs://lab-bucket/teradata-media/vantage-express.7z');
    expect(callsAfterFirst).not.toMatch(/curl[^\n]*teradata\.com/);
  });

  it('runs Vantage Express under KVM from the extracted disks (not their split extents)', () => {
    const unit = read(join(vm.root, 'etc/systemd/system/vantage-express.service'));
    expect(unit).toContain('-enable-kvm');
    expect(unit).toMatch(/disk1\.vmdk,format=vmdk[^\n]*disk2\.vmdk,format=vmdk/);
    expect(unit).not.toContain('disk1-s001');
  });

  it('creates database tpch, the DDL, and loads each table with tdload', () => {
    const bteq = read(join(vm.fake, 'bteq-input'));
    expect(bteq).toContain('CREATE DATABASE tpch FROM dbc');
    expect(bteq).toContain('CREATE MULTISET TABLE tpch.lineitem');
    expect(callsAfterFirst.match(/^tdload /gm)).toHaveLength(8);
  });

  it('puts the generated password only in Secret Manager (standard input) and the Teradata logon, never in an argument or file', () => {
    const password = read(join(vm.fake, 'secret-version'));
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(read(join(vm.fake, 'bteq-input'))).toContain(`PASSWORD = "${password}"`);
    expect(callsAfterFirst).not.toContain(password);
    expect(first.stdout).not.toContain(password);
    const found = spawnSync('grep', ['-rl', password, vm.root, '--exclude-dir=fake'], { encoding: 'utf8' });
    expect([found.status, found.stdout]).toEqual([1, '']);
  });

  it('installs the agent’s files (credentials without a password, not world-readable) and starts its unit', () => {
    const credentials = join(vm.root, 'etc/td2bq-agent/credentials');
    expect(read(credentials)).toBe(
      'username=td2bq_agent\nsecret_resource_id=projects/p/secrets/td2bq-alice-teradata-password/versions/latest\n',
    );
    expect(statSync(credentials).mode & 0o007).toBe(0);
    expect(JSON.parse(read(join(vm.root, 'etc/td2bq-agent/agent-config.json')))['teradata-config']['use-tpt']).toBe(false);
    expect(read(join(vm.root, 'etc/systemd/system/td2bq-agent.service'))).toContain('--configuration-file=');
    expect(callsAfterFirst).toContain('systemctl enable --now td2bq-agent.service');
  });

  it('on the next boot skips what is done: no install, no extraction, no second load, no new password', () => {
    expect(second.code).toBe(0);
    const again = read(join(vm.fake, 'calls')).slice(callsAfterFirst.length);
    expect(again).not.toMatch(/^(apt-get|7z|tar|tdload|git) /m);
    expect(again).not.toContain('gcloud secrets versions add');
    expect(again).toContain('systemctl enable --now vantage-express.service');
    expect(read(join(vm.fake, 'guest-attributes')).trim().split('\n').at(-1)).toBe('status=ready');
  });

  it('reports failed with the failing command when a step fails', () => {
    const broken = setUp();
    writeFileSync(join(broken.bin, 'make'), '#!/bin/bash\nexit 2\n');
    expect(run(broken).code).not.toBe(0);
    const attributes = read(join(broken.fake, 'guest-attributes'));
    expect(attributes).toMatch(/^error=line \d+: make -s -C/m);
    expect(attributes.trim().split('\n').at(-1)).toBe('status=failed');
  });
});
