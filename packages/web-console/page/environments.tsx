import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from './api';
import type { LabDetail } from './labs';
import { usdPerHour } from './money';
import { useApi } from './use-api';

/** One environment, as `labs status --json` prints it. */
interface Environment {
  readonly cloud: string;
  readonly lab: string;
  readonly env: string;
  readonly stack: string;
  readonly owner: string | null;
  readonly expiresAt: string | null;
  readonly createdAt: string | null;
  readonly expired: boolean;
  readonly state: string;
}

interface Listing {
  readonly environments: Environment[];
  readonly unavailable: { cloud: string; error: string }[];
}

type Pending = { readonly kind: 'extend' | 'destroy'; readonly environment: Environment };

/** What an environment has cost since it was created, at its lab's hourly rate, up to now or its expiry. */
function costSoFar(e: Environment, rate: number | undefined, now: number): string {
  if (!e.createdAt || rate === undefined) return '—';
  const end = e.expiresAt ? Math.min(now, Date.parse(e.expiresAt)) : now;
  const hours = Math.max(0, end - Date.parse(e.createdAt)) / 3_600_000;
  const usd = rate * hours;
  return usd > 0 && usd < 0.01 ? '< $0.01' : `$${usd.toFixed(2)}`;
}

/** Remaining time as "2h 05m 09s", or "expired". */
function countdown(expiresAt: string | null, now: number): string {
  if (!expiresAt) return 'no expiry';
  const left = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (left <= 0) return 'expired';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`;
}

async function loadListing(): Promise<Listing> {
  try {
    return { environments: await getJson<Environment[]>('/api/environments'), unavailable: [] };
  } catch (error) {
    const body = error instanceof ApiError ? (error.body as Partial<Listing>) : {};
    if (body.environments && body.unavailable) return { environments: body.environments, unavailable: body.unavailable };
    throw error;
  }
}

/** Every environment on both clouds: filters, countdown, cost, extend and destroy behind a confirmation. */
export function EnvironmentsView() {
  const [listing, setListing] = useState<Listing>();
  const [error, setError] = useState<string>();
  const [lab, setLab] = useState('');
  const [owner, setOwner] = useState('');
  const [now, setNow] = useState(Date.now());
  const [pending, setPending] = useState<Pending>();
  const [ttl, setTtl] = useState('2h');
  const [message, setMessage] = useState('');
  const details = useApi<LabDetail[]>('/api/lab-details');
  const dialog = useRef<HTMLDialogElement>(null);

  const reload = () =>
    loadListing().then(
      (loaded) => {
        setListing(loaded);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    void reload();
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (pending) dialog.current?.showModal();
    else dialog.current?.close();
  }, [pending]);

  const rate = (id: string) => details.data?.find((d) => d.id === id)?.usdPerHour;
  const shown = useMemo(
    () =>
      (listing?.environments ?? []).filter(
        (e) => (!lab || e.lab === lab) && (!owner || (e.owner ?? '').toLowerCase().includes(owner.toLowerCase())),
      ),
    [listing, lab, owner],
  );
  const labs = [...new Set((listing?.environments ?? []).map((e) => e.lab))].sort();
  const hourly = shown.reduce((sum, e) => sum + (rate(e.lab) ?? 0), 0);

  const confirm = async () => {
    if (!pending) return;
    const { kind, environment } = pending;
    setPending(undefined);
    setMessage(`${kind === 'extend' ? 'Extending' : 'Destroying'} ${environment.stack} …`);
    try {
      const body = kind === 'extend' ? { lab: environment.lab, env: environment.env, ttl } : { lab: environment.lab, env: environment.env };
      const result = await postJson<{ message: string }>(`/api/environments/${kind}`, body, true);
      setMessage(result.message || `${kind} of ${environment.stack} done`);
    } catch (e) {
      setMessage(`${kind} of ${environment.stack} failed: ${(e as Error).message}`);
    }
    void reload();
  };

  return (
    <section aria-labelledby="environments-title">
      <h2 id="environments-title">Environments</h2>
      {error && <p class="notice">Could not list environments: {error}</p>}
      {listing?.unavailable.map((u) => (
        <p class="notice" key={u.cloud}>
          {u.cloud.toUpperCase()} environments are not shown: {u.error}
        </p>
      ))}
      <div class="filters">
        <label>
          Lab{' '}
          <select value={lab} onChange={(e) => setLab((e.target as HTMLSelectElement).value)}>
            <option value="">all labs</option>
            {labs.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner <input type="search" value={owner} onInput={(e) => setOwner((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
      <p>
        {listing ? `${shown.length} of ${listing.environments.length} environments, $${hourly.toFixed(2)} per hour together` : 'Loading …'}
      </p>
      <p role="status" class="message">
        {message}
      </p>
      <table>
        <caption class="sr-only">Environments</caption>
        <thead>
          <tr>
            {['Cloud', 'Lab', 'Environment', 'Owner', 'State', 'Expires in', 'Cost per hour', 'Cost so far', 'Actions'].map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.stack} class={e.expired ? 'expired' : ''}>
              <td>{e.cloud}</td>
              <td>{e.lab}</td>
              <td>{e.env}</td>
              <td>{e.owner ?? '—'}</td>
              <td>{e.state}</td>
              <td title={e.expiresAt ?? ''}>{countdown(e.expiresAt, now)}</td>
              <td>{rate(e.lab) === undefined ? '—' : usdPerHour(rate(e.lab) ?? 0)}</td>
              <td title={e.createdAt ? `since ${e.createdAt}` : 'creation time unknown'}>{costSoFar(e, rate(e.lab), now)}</td>
              <td>
                <button type="button" onClick={() => setPending({ kind: 'extend', environment: e })} aria-label={`Extend ${e.stack}`}>
                  Extend
                </button>{' '}
                <button
                  type="button"
                  class="danger"
                  onClick={() => setPending({ kind: 'destroy', environment: e })}
                  aria-label={`Destroy ${e.stack}`}
                >
                  Destroy
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dialog ref={dialog} aria-labelledby="confirm-title" onClose={() => setPending(undefined)}>
        {pending && (
          <div>
            <h3 id="confirm-title">
              {pending.kind === 'extend' ? `Extend ${pending.environment.stack}?` : `Destroy ${pending.environment.stack}?`}
            </h3>
            {pending.kind === 'extend' ? (
              <p>
                Moves the expiry (now {pending.environment.expiresAt ?? 'none'}) by{' '}
                <label>
                  <span class="sr-only">time to add</span>
                  <select value={ttl} onChange={(e) => setTtl((e.target as HTMLSelectElement).value)}>
                    {['1h', '2h', '4h', '8h', '1d'].map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                </label>
                : re-deploys the stack's tags/labels and its expiry schedule (as{' '}
                <code>
                  labs extend {pending.environment.lab} --env {pending.environment.env} --ttl {ttl}
                </code>
                ).
              </p>
            ) : (
              <p>
                Deletes the stack <strong>{pending.environment.stack}</strong> on {pending.environment.cloud.toUpperCase()} and everything
                in it, owned by {pending.environment.owner ?? 'nobody recorded'} (as{' '}
                <code>
                  labs down {pending.environment.lab} --env {pending.environment.env}
                </code>
                ). This cannot be undone.
              </p>
            )}
            <button type="button" class={pending.kind === 'destroy' ? 'danger' : ''} onClick={() => void confirm()}>
              {pending.kind === 'extend' ? `Extend by ${ttl}` : 'Destroy'}
            </button>{' '}
            <button type="button" onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </div>
        )}
      </dialog>
    </section>
  );
}
