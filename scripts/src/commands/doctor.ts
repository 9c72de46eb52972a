import type { Command } from 'commander';
import type { Cloud } from '@labs/config';
import type { CloudDoctor, DoctorCheck } from '../doctor/check';
import { print, printJson, table } from '../output';
import { projectConfig } from '../repo';
import { cloudsOption } from './status';

/** The checks of each cloud, loaded lazily so that one cloud's SDK is loaded only when asked for. */
const DOCTORS: Record<Cloud, () => Promise<CloudDoctor>> = {
  aws: async () => (await import('../doctor/aws-checks')).awsDoctor,
  gcp: async () => (await import('../doctor/gcp-checks')).gcpDoctor,
};

/** `labs doctor [--cloud aws|gcp] [--json]`: what a real account needs before a first deploy, ok/fail with the fix. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check what a first deploy needs (credentials, region/project, bootstrap, foundation, roles, quotas, tools)')
    .option('--cloud <cloud>', 'only aws or gcp')
    .option('--json', 'print one JSON document on stdout: { "checks": [{ "name", "ok", "detail" }] }')
    .action(async (options: { cloud?: string; json?: boolean }) => {
      const config = projectConfig();
      const checks: DoctorCheck[] = [];
      for (const cloud of cloudsOption(options.cloud)) {
        const doctor = await DOCTORS[cloud]();
        for (const line of await doctor(config)) checks.push({ ...line, name: `${cloud}: ${line.name}` });
      }
      if (options.json) printJson({ checks });
      else
        print(
          table(
            ['', 'check', 'detail'],
            checks.map((c) => [c.ok ? 'ok' : 'FAIL', c.name, c.detail]),
          ),
        );
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
    });
}
