/** One period of stream-level metrics (what CloudWatch reports as `AWS/Kinesis` Sum per period). */
export interface StreamSample {
  /** Start of the period, milliseconds since the epoch. */
  timestamp: number;
  /** Length of the period in seconds (60 for the stream's basic metrics). */
  periodSeconds: number;
  /** `IncomingRecords` summed over the period, all shards. */
  incomingRecords: number;
  /** `IncomingBytes` summed over the period, all shards. */
  incomingBytes: number;
  /** `WriteProvisionedThroughputExceeded` summed over the period: records refused for throughput; undefined when not measured. */
  throttledRecords?: number;
}

/** Kinesis stream statuses (`DescribeStreamSummary` → `StreamStatus`). */
export type StreamStatus = 'CREATING' | 'DELETING' | 'ACTIVE' | 'UPDATING';

/** What the scaler knows about the stream when it decides. */
export interface StreamState {
  /** Open shards now. */
  shardCount: number;
  /** The stream's status; UpdateShardCount is only possible when `ACTIVE`. */
  status: StreamStatus;
  /** When past UpdateShardCount calls were made, ms since the epoch (older than 24 h may be included; they are ignored). */
  scalingHistory: readonly number[];
  /** When the stream was last rescaled, ms since the epoch; samples before it describe another shard count. @default latest of `scalingHistory` */
  lastScaledAt?: number;
}

/** A threshold on utilisation that must hold for a number of consecutive periods. */
export interface UtilisationRule {
  /** Utilisation as a fraction of capacity (1 = 100 %). Scale-out needs strictly above, scale-in strictly below. */
  threshold: number;
  /** Consecutive most recent periods the condition must hold. */
  periods: number;
}

/** What one shard accepts: `records` and `bytes` per `perSeconds` seconds. */
export interface ShardCapacity {
  /** Records accepted per `perSeconds` (Kinesis: 1,000 per second). */
  records: number;
  /** Bytes accepted per `perSeconds` (Kinesis: 1 MiB per second). */
  bytes: number;
  /** The window the two figures refer to, seconds. */
  perSeconds: number;
}

/** How the scaler decides. Build one from {@link defaultPolicy} or {@link labTriggerPolicy}. */
export interface ScalingPolicy {
  /** The capacity utilisation is measured against, per shard. @default Kinesis' 1,000 records/s and 1 MiB/s */
  capacityPerShard: ShardCapacity;
  /** Scale out when utilisation stays above this. */
  scaleOut: UtilisationRule;
  /** Scale in when utilisation stays below this (for much longer than `scaleOut.periods`). */
  scaleIn: UtilisationRule;
  /**
   * Scale out as soon as the stream throttled writes in this many consecutive periods (utilisation at
   * `saturation`, or `throttledRecords` above 0 while above `scaleOut.threshold`), whatever
   * `scaleOut.periods` says; 0 turns it off.
   */
  throttledPeriods: number;
  /** The new shard count is sized so the highest utilisation seen lands at or below this (bounded by 0.5x–2x). */
  targetUtilisation: number;
  /**
   * Utilisation at which the stream really throttles (1 when `capacityPerShard` is Kinesis' own limit).
   * At or above it the metrics show only the accepted load, so a scale-out doubles.
   */
  saturation: number;
  /** Never fewer shards than this. */
  minShards: number;
  /** Never more shards than this. */
  maxShards: number;
  /** UpdateShardCount calls allowed per rolling 24 h (Kinesis allows 10). */
  maxScalingsPer24h: number;
  /** Calls of the 24 h budget that a scale-in may not use, kept for scaling out again. */
  scaleInReserve: number;
}

/** Why the scaler holds the shard count. */
export type HoldReason = 'stream-not-active' | 'not-enough-data' | 'within-band' | 'at-max-shards' | 'at-min-shards' | 'budget-exhausted';

/** The outcome of {@link decideScaling}. */
export type ScalingDecision =
  | {
      action: 'scale-out' | 'scale-in';
      /** Shard count now. */
      fromShards: number;
      /** Shard count to ask UpdateShardCount for. */
      toShards: number;
      /** Utilisation that triggered it (highest over the rule's window). */
      utilisation: number;
      /** One line for logs. */
      detail: string;
    }
  | {
      action: 'hold';
      reason: HoldReason;
      /** Utilisation of the latest usable period, when there was one. */
      utilisation?: number;
      /** One line for logs. */
      detail: string;
    };
