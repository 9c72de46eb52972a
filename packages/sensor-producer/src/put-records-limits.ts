/** Kinesis PutRecords limits (AWS service quotas, not tunables). */
export const PUT_RECORDS_LIMITS = {
  /** Records per PutRecords request. */
  maxRecords: 500,
  /** Bytes per request: data plus partition keys of every record. */
  maxRequestBytes: 5 * 1024 * 1024,
  /** Bytes per record: data plus partition key. */
  maxRecordBytes: 1024 * 1024,
  /** Partition key length in Unicode characters. */
  maxPartitionKeyLength: 256,
} as const;

/** The size Kinesis counts for one record: data bytes plus the UTF-8 bytes of its partition key. */
export function recordSize(data: Uint8Array, partitionKey: string): number {
  return data.byteLength + Buffer.byteLength(partitionKey, 'utf8');
}

/** Why a record can never be sent, or `undefined` when it fits the limits. */
export function recordLimitViolation(data: Uint8Array, partitionKey: string): string | undefined {
  if (partitionKey.length < 1 || partitionKey.length > PUT_RECORDS_LIMITS.maxPartitionKeyLength) {
    return `partition key must be 1–${PUT_RECORDS_LIMITS.maxPartitionKeyLength} characters, got ${partitionKey.length}`;
  }
  const size = recordSize(data, partitionKey);
  if (size > PUT_RECORDS_LIMITS.maxRecordBytes) {
    return `record is ${size} bytes, over the ${PUT_RECORDS_LIMITS.maxRecordBytes}-byte limit`;
  }
  return undefined;
}
