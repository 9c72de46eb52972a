import { useState } from 'preact/hooks';
import { postJson } from './api';

/** One statement, as `labs translate --from teradata --json` prints it. */
interface Translation {
  readonly input: string;
  readonly output: string | null;
  readonly warnings: string[];
  readonly error: string | null;
}

type Check = { ok: true } | { ok: false; error: string };

const EXAMPLE = `SEL TOP 10 o_orderkey, o_totalprice MOD 7 AS bucket
FROM tpch.orders
WHERE o_orderdate > DATE '1995-01-01';
LOCKING ROW FOR ACCESS SELECT o_orderkey FROM tpch.orders SAMPLE 0.1;`;

/** Paste or upload Teradata SQL: BigQuery SQL, warnings, and ZetaSQL's verdict per statement. */
export function TeradataView() {
  const [sql, setSql] = useState(EXAMPLE);
  const [results, setResults] = useState<Translation[]>();
  const [checks, setChecks] = useState<(Check | undefined)[]>([]);
  const [message, setMessage] = useState('');

  const translate = async () => {
    setMessage('translating …');
    setChecks([]);
    try {
      const translated = await postJson<Translation[]>('/api/translate', { sql });
      setResults(translated);
      setMessage(`${translated.length} statement${translated.length === 1 ? '' : 's'} translated; checking with ZetaSQL …`);
      const outputs = translated.filter((t) => t.output !== null).map((t) => t.output as string);
      const verdicts = await postJson<Check[]>('/api/zetasql', { statements: outputs });
      let next = 0;
      setChecks(translated.map((t) => (t.output === null ? undefined : verdicts[next++])));
      setMessage(`${translated.length} statement${translated.length === 1 ? '' : 's'} translated and checked`);
    } catch (e) {
      setMessage(`failed: ${(e as Error).message}`);
    }
  };

  const upload = (file: File | undefined) => void file?.text().then(setSql);

  return (
    <section aria-labelledby="td-title">
      <h2 id="td-title">Teradata → BigQuery</h2>
      <label for="td-sql">Teradata SQL</label>
      <textarea id="td-sql" rows={8} value={sql} onInput={(e) => setSql((e.target as HTMLTextAreaElement).value)} />
      <div class="filters">
        <label>
          Upload a .sql file <input type="file" accept=".sql,.txt" onChange={(e) => upload((e.target as HTMLInputElement).files?.[0])} />
        </label>
        <button type="button" onClick={() => void translate()}>
          Translate
        </button>
      </div>
      <p role="status" class="message">
        {message}
      </p>
      {results?.map((r, i) => {
        const check = checks[i];
        return (
          <article class="card statement" key={i} aria-label={`Statement ${i + 1}`}>
            <h3>Statement {i + 1}</h3>
            <h4>Teradata</h4>
            <pre>{r.input}</pre>
            {r.error !== null ? (
              <p class="notice">Not translated: {r.error}</p>
            ) : (
              <>
                <h4>BigQuery</h4>
                <pre class="bigquery">{r.output}</pre>
                <p class={check?.ok === false ? 'notice' : 'ok'}>
                  ZetaSQL: {check === undefined ? 'checking …' : check.ok ? 'accepted' : `rejected: ${check.error}`}
                </p>
              </>
            )}
            {r.warnings.length > 0 && (
              <ul class="warnings">
                {r.warnings.map((w) => (
                  <li key={w}>warning: {w}</li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
    </section>
  );
}
