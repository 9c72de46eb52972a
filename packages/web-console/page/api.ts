/** The token `labs ui` minted, from the page's meta tag (only same-origin script can read it). */
const token = document.querySelector<HTMLMetaElement>('meta[name="labs-token"]')?.content ?? '';

/** An API answer that was not 2xx, with the server's one-line error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? `HTTP ${response.status}`, body);
  return body as T;
}

/** `GET /api/…`. */
export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { accept: 'application/json' } }));
}

/** `POST /api/…` with a JSON body; `destructive` adds the console's token. */
export async function postJson<T>(path: string, body: unknown, destructive = false): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (destructive) headers['x-labs-token'] = token;
  return answer<T>(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) }));
}
