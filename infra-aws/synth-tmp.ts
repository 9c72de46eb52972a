import { environment } from '@labs/config';
import { buildApp } from './src/app';
const expiresAt = new Date(Date.now() + 4 * 3600e3);
try {
const app = buildApp({ outdir: '/tmp/labs-s1', foundation: true, nag: true, environments: [
  { labEnvironment: environment('kinesis-data', 'alice'), owner: 'a', expiresAt },
  { labEnvironment: environment('kinesis-video', 'alice'), owner: 'a', expiresAt }] });
const asm = app.synth();
for (const s of asm.stacks) console.log(s.stackName, JSON.stringify(s.template).length);
} catch (e) { console.log(String((e as Error).message).split('\n').filter(l => /ERROR|WARN|Acknowledge/.test(l)).slice(0, 80).join('\n')); }
