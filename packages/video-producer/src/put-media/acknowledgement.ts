import { describeErrorId } from './error-ids';

/** A fragment acknowledgement of the PutMedia protocol. */
export interface FragmentAck {
  readonly type: 'BUFFERING' | 'RECEIVED' | 'PERSISTED';
  /** The Cluster Timecode of the fragment, as sent. */
  readonly fragmentTimecode: number;
  /** Kinesis Video's fragment number (absent on BUFFERING). */
  readonly fragmentNumber?: string;
}

/** An ERROR acknowledgement: the connection ends after it. */
export interface ErrorAck {
  readonly type: 'ERROR';
  readonly fragmentTimecode?: number;
  readonly fragmentNumber?: string;
  readonly errorId: number;
  readonly errorCode: string;
  /** What the ErrorId means, for messages. */
  readonly meaning: string;
  readonly retryable: boolean;
}

/** IDLE: the service has been waiting for data (a keep-alive). */
export interface IdleAck {
  readonly type: 'IDLE';
}

/** Every acknowledgement event. */
export type Ack = FragmentAck | ErrorAck | IdleAck;

/**
 * Parses one acknowledgement line (`{"EventType":"PERSISTED","FragmentTimecode":…,"FragmentNumber":"…"}`).
 * @throws Error on malformed JSON or an unknown EventType.
 */
export function parseAck(line: string): Ack {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`malformed PutMedia acknowledgement ${JSON.stringify(line.slice(0, 200))}`);
  }
  const type = raw.EventType;
  const fragmentTimecode = typeof raw.FragmentTimecode === 'number' ? raw.FragmentTimecode : undefined;
  const fragmentNumber = typeof raw.FragmentNumber === 'string' ? raw.FragmentNumber : undefined;
  const ids = {
    ...(fragmentTimecode !== undefined ? { fragmentTimecode } : {}),
    ...(fragmentNumber !== undefined ? { fragmentNumber } : {}),
  };
  switch (type) {
    case 'IDLE':
      return { type };
    case 'BUFFERING':
    case 'RECEIVED':
    case 'PERSISTED':
      if (fragmentTimecode === undefined) throw new Error(`PutMedia ${type} acknowledgement without FragmentTimecode: ${line}`);
      return { type, fragmentTimecode, ...ids };
    case 'ERROR': {
      const errorId = Number(raw.ErrorId);
      if (!Number.isInteger(errorId)) throw new Error(`PutMedia ERROR acknowledgement without ErrorId: ${line}`);
      const info = describeErrorId(errorId);
      return {
        type,
        ...ids,
        errorId,
        errorCode: typeof raw.ErrorCode === 'string' ? raw.ErrorCode : info.code,
        meaning: info.meaning,
        retryable: info.retryable,
      };
    }
    default:
      throw new Error(`unknown PutMedia acknowledgement EventType ${JSON.stringify(type)}`);
  }
}

/**
 * Splits the acknowledgement response body (newline-separated JSON, arriving in arbitrary chunks) into
 * events. A line it cannot read (malformed, or an EventType this client does not know) is reported to
 * `onBadLine` and skipped: the service may add event types, and one odd line must not end a connection.
 * @param onBadLine @default throws the error
 */
export class AckStreamParser {
  private partial = '';

  constructor(
    private readonly onBadLine: (error: Error) => void = (error) => {
      throw error;
    },
  ) {}

  /** Feeds response bytes; returns the complete acknowledgements they finish. */
  push(chunk: Buffer | string): Ack[] {
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop() ?? '';
    return this.parse(lines);
  }

  /** Ends the body: parses a last line without a newline. */
  end(): Ack[] {
    const rest = this.partial;
    this.partial = '';
    return this.parse([rest]);
  }

  private parse(lines: readonly string[]): Ack[] {
    const acks: Ack[] = [];
    for (const line of lines.map((l) => l.trim()).filter((l) => l.length > 0)) {
      try {
        acks.push(parseAck(line));
      } catch (error) {
        this.onBadLine(error as Error);
      }
    }
    return acks;
  }
}

/** Formats an ERROR acknowledgement as one line with the id's meaning. */
export function describeErrorAck(ack: ErrorAck): string {
  const at = ack.fragmentTimecode !== undefined ? ` at fragment timecode ${ack.fragmentTimecode}` : '';
  return `PutMedia error ${ack.errorId} ${ack.errorCode}${at}: ${ack.meaning} (${ack.retryable ? 'retryable' : 'fatal'})`;
}
