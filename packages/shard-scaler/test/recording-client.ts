/** A command as the SDK clients receive it. */
interface SentCommand {
  constructor: { name: string };
  input: unknown;
}

/** One call the fake client received. */
export interface RecordedCall {
  command: string;
  input: Record<string, unknown>;
}

/**
 * A stand-in for an AWS SDK v3 client (there is no local CloudWatch to test against): answers each
 * command by name from `responders` and records every call in order. Unknown commands throw.
 */
export function recordingClient<T>(responders: Record<string, (input: Record<string, unknown>) => unknown>): {
  client: T;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const client = {
    send: async (command: SentCommand) => {
      const name = command.constructor.name;
      const input = command.input as Record<string, unknown>;
      calls.push({ command: name, input });
      const respond = responders[name];
      if (!respond) throw new Error(`unexpected ${name}`);
      return respond(input);
    },
  };
  return { client: client as unknown as T, calls };
}
