import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { LabsError } from '@labs/config';
import { log, printJson } from '../output';

/** Source dialects `labs translate --from` accepts. */
const SOURCE_DIALECTS = ['teradata'] as const;

interface TranslateOptions {
  readonly from?: string;
  readonly json?: boolean;
  readonly schemaFile?: string;
  readonly partitionColumn?: string;
  readonly database?: string;
  readonly service?: boolean;
  readonly project?: string;
  readonly location: string;
  readonly gcs?: string;
}

/** `labs translate --from teradata [FILE|-]`: Teradata SQL → BigQuery SQL, offline. */
export function registerTranslate(program: Command): void {
  program
    .command('translate')
    .description('translate a Teradata SQL script into BigQuery Standard SQL (offline)')
    .argument('[file]', "SQL script to translate ('-' or nothing: standard input)")
    .option('--from <dialect>', `source dialect (${SOURCE_DIALECTS.join(', ')})`)
    .option('--json', 'print a JSON array: one {input, output, warnings, error} per statement')
    .option('--schema-file <out.json>', 'also write the transfer service custom schema file for the CREATE TABLE statements')
    .option('--partition-column <name>', 'DATE/TIMESTAMP column to mark PARTITIONING in the schema file')
    .option('--database <name>', "database for unqualified tables in the schema file (default: the script's DATABASE statement)")
    .option('--service', "translate with Google's BigQuery Migration API instead (needs --project, --gcs and credentials)")
    .option('--project <id>', 'Google Cloud project for --service')
    .option('--location <loc>', 'BigQuery Migration API location for --service', 'us')
    .option('--gcs <gs://bucket/prefix>', 'Cloud Storage folder the service reads and writes for --service')
    .action(async (file: string | undefined, options: TranslateOptions) => {
      checkDialect(options.from);
      const script = await readScript(file);
      if (options.service) {
        await translateThroughService(script, options);
        return;
      }
      // Loaded here, not at the top: the translator and the Google clients would slow every CLI start.
      const { TeradataTranslator, buildSchemaFile, formatScript, toJsonRecords } = await import('@labs/teradata');
      const translator = await TeradataTranslator.create();
      const results = translator.translateScript(script);
      if (options.json) printJson(toJsonRecords(results));
      else process.stdout.write(formatScript(results));
      if (options.schemaFile) {
        const schema = await buildSchemaFile(script, { partitionColumn: options.partitionColumn, defaultDatabase: options.database });
        await writeFile(options.schemaFile, `${JSON.stringify(schema, null, 2)}\n`);
        const tables = schema.databases.reduce((n, db) => n + db.tables.length, 0);
        log(`schema file: ${options.schemaFile} (${tables} table${tables === 1 ? '' : 's'})`);
      }
      const failed = results.filter((r) => r.error !== null).length;
      if (failed > 0) {
        log(`${failed} of ${results.length} statements failed to translate`);
        process.exitCode = 1;
      }
    });
}

async function translateThroughService(script: string, options: TranslateOptions): Promise<void> {
  if (!options.project || !options.gcs) throw new LabsError('--service needs --project <id> and --gcs gs://bucket/prefix');
  log(`translating with the BigQuery Migration API in ${options.project}/${options.location} …`);
  const { googleHttpClient, translateWithService } = await import('@labs/teradata');
  const output = await translateWithService(script, await googleHttpClient(), {
    project: options.project,
    location: options.location,
    gcsFolder: options.gcs,
  });
  if (options.json)
    printJson([{ input: script, output, warnings: ['translated as one script by the BigQuery Migration API'], error: null }]);
  else process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
}

function checkDialect(from: string | undefined): void {
  if (from === undefined) throw new LabsError(`missing --from: expected one of ${SOURCE_DIALECTS.join(', ')}`);
  if (!(SOURCE_DIALECTS as readonly string[]).includes(from.toLowerCase())) {
    throw new LabsError(`unknown source dialect "${from}": expected one of ${SOURCE_DIALECTS.join(', ')}`);
  }
}

async function readScript(file: string | undefined): Promise<string> {
  const fromStdin = file === undefined || file === '-';
  let script: string;
  try {
    script = fromStdin ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new LabsError(`cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!script.trim()) throw new LabsError(`${fromStdin ? 'standard input' : `"${file}"`} is empty: expected Teradata SQL statements`);
  return script;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
