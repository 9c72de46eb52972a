/**
 * What a lab plugs into the CLI. Each function receives the arguments after
 * `labs run <lab>` / `labs local <lab>` and parses its own flags (with its own commander `Command`).
 * It resolves to the process exit code.
 */
export interface LabRunner {
  /** `labs run <lab> --env NAME …`: runs the lab against a deployed environment. */
  readonly run?: (argv: readonly string[]) => Promise<number>;
  /** `labs local <lab> …`: runs the lab offline on embedded stand-ins. */
  readonly local?: (argv: readonly string[]) => Promise<number>;
}
