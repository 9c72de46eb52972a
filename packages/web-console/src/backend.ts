/** One cloud whose environments could not be listed (no credentials, no tool, an API error). */
export interface UnavailableCloud {
  readonly cloud: string;
  readonly error: string;
}

/** The environments of every cloud that answered, and why the others did not. */
export interface EnvironmentsView {
  /** Exactly the records `labs status --json` prints. */
  readonly environments: readonly unknown[];
  readonly unavailable: readonly UnavailableCloud[];
}

/** What an extend or destroy returned. */
export interface ActionResult {
  readonly ok: boolean;
  readonly message: string;
}

/** What the live Kinesis Data view receives from a running session. */
export type LiveEvent =
  | { readonly type: 'starting'; readonly detail: string }
  | { readonly type: 'status'; readonly status: unknown }
  | { readonly type: 'event'; readonly line: string }
  | { readonly type: 'summary'; readonly summary: unknown }
  | {
      readonly type: 'metrics';
      readonly stream: string;
      readonly shards: number;
      /** Per minute, oldest first, from CloudWatch. */
      readonly minutes: readonly { readonly at: string; readonly recordsPerSecond: number; readonly throttled: number }[];
    }
  | { readonly type: 'error'; readonly error: string };

/** The offline Kinesis Video run, remuxed for the browser. */
export interface VideoRun {
  /** Fragmented MP4 file the console serves at `/api/kinesis-video/offline.mp4`. */
  readonly mp4File: string;
  /** Folder of the same run as HLS (`index.m3u8`, `init.mp4`, `segment000.m4s`, …), served at `/api/kinesis-video/hls/`. */
  readonly hlsDir: string;
  /** The run's summary (fragments, persisted, bytes, …). */
  readonly summary: unknown;
}

/**
 * Everything the console shows or does, injected by the `labs` CLI: the server only routes, guards and
 * streams; the data is the CLI's own (the same JSON as its `--json` output).
 */
export interface ConsoleBackend {
  /** `GET /api/labs`: as `labs list --json`. */
  labs(): Promise<unknown>;
  /** `GET /api/lab-details`: per lab, what it creates, its hourly cost and how to run it. */
  labDetails(): Promise<unknown>;
  /** `GET /api/environments`: as `labs status --json`, per cloud. */
  environments(): Promise<EnvironmentsView>;
  /** `POST /api/translate`: as `labs translate --from teradata --json`. */
  translate(sql: string): Promise<unknown>;
  /** `POST /api/zetasql`: whether ZetaSQL accepts each BigQuery statement. */
  validate(statements: readonly string[]): Promise<unknown>;
  /** `GET /api/bqml`: ROC, lift/ROI and confusion matrix of the predictions file. */
  bqml(): Promise<unknown>;
  /** Moves an environment's expiry (destructive: token and confirmation). */
  extend(lab: string, env: string, ttl: string): Promise<ActionResult>;
  /** Destroys an environment (destructive: token and confirmation). */
  destroy(lab: string, env: string): Promise<ActionResult>;
  /** Runs the offline Kinesis Data lab until `signal` aborts or its duration ends, reporting as it goes. */
  runKinesisData(onEvent: (event: LiveEvent) => void, signal: AbortSignal): Promise<void>;
  /** Watches a deployed Kinesis Data environment's stream through CloudWatch until `signal` aborts. */
  watchKinesisData(env: string, onEvent: (event: LiveEvent) => void, signal: AbortSignal): Promise<void>;
  /** Runs the offline Kinesis Video lab and remuxes what the local endpoint persisted. */
  runKinesisVideo(): Promise<VideoRun>;
  /** Stops whatever the backend started (ZetaSQL, emulators). */
  close(): Promise<void>;
}
