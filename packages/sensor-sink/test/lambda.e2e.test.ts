import { awsExternalAccountConfig, BIGQUERY_INSERT_SCOPE, SENSOR_SINK_ROLE_PREFIX } from '@labs/config';
import { BigQueryInsertAllStandIn, WorkloadIdentityStandIns, type WorkloadIdentityStandInsOptions } from '@labs/testing';
import { SENSOR_READINGS_SCHEMA } from '../src';
import { kinesisRecord, readingEvent, sequenceNumber, SHARD } from './kinesis-events';
import { LambdaContainer } from './lambda-container';

const ACCOUNT = '123456789012';
const PROVIDER = 'projects/987654321098/locations/global/workloadIdentityPools/labs-aws-mh3k2a/providers/aws-mh3k2a';
const SERVICE_ACCOUNT = 'labs-sensor-sink@my-lab-project.iam.gserviceaccount.com';
const IDENTITY: WorkloadIdentityStandInsOptions = {
  accountId: ACCOUNT,
  roleName: `${SENSOR_SINK_ROLE_PREFIX}alice`,
  availabilityZone: 'eu-west-1b',
  audience: `//iam.googleapis.com/${PROVIDER}`,
  callerArnPrefix: `arn:aws:sts::${ACCOUNT}:assumed-role/${SENSOR_SINK_ROLE_PREFIX}`,
  serviceAccountEmail: SERVICE_ACCOUNT,
};
const TABLE = { projectId: 'my-lab-project', datasetId: 'sensor_data', tableId: 'sensor_readings' };

/** The process environment without any AWS setting of the machine running the tests. */
const BASE_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('LABS_')));

/** A Lambda function's environment: the sink's variables and the runtime's role credentials. */
function lambdaEnv(identity: WorkloadIdentityStandIns, bigQuery: BigQueryInsertAllStandIn): NodeJS.ProcessEnv {
  // IMDS endpoints point at the stand-in, which records any request: Lambda has no instance metadata service.
  const credentials = awsExternalAccountConfig({ providerName: PROVIDER, serviceAccountEmail: SERVICE_ACCOUNT, endpoints: identity.urls });
  return {
    ...BASE_ENV,
    ...identity.lambdaEnvironment,
    LABS_SINK_CREDENTIALS: JSON.stringify(credentials),
    LABS_SINK_PROJECT: TABLE.projectId,
    LABS_SINK_DATASET: TABLE.datasetId,
    LABS_SINK_TABLE: TABLE.tableId,
    LABS_ENVIRONMENT: 'alice',
    LABS_SINK_BIGQUERY_URL: bigQuery.url,
  };
}

describe('the sink Lambda end to end: federated token, insertAll, partial batch responses', () => {
  let identity: WorkloadIdentityStandIns;
  let bigQuery: BigQueryInsertAllStandIn;
  let container: LambdaContainer;

  beforeAll(async () => {
    identity = await WorkloadIdentityStandIns.start(IDENTITY);
    bigQuery = await BigQueryInsertAllStandIn.start({
      ...TABLE,
      schema: SENSOR_READINGS_SCHEMA,
      tokenScopes: (token) => identity.scopesOf(token),
    });
    container = LambdaContainer.start(lambdaEnv(identity, bigQuery));
  });
  afterAll(async () => {
    await container.stop();
    await Promise.all([identity.stop(), bigQuery.stop()]);
  });
  afterEach(() => bigQuery.rejectRows(() => undefined));

  it('writes 1,200 readings in requests of 500, 500 and 200, as the impersonated service account', async () => {
    expect(await container.invoke(readingEvent(1200))).toEqual({ batchItemFailures: [] });
    // The requests run concurrently: they arrive in any order.
    const calls = bigQuery.calls.map(({ status, rows, stored }) => ({ status, rows, stored }));
    expect(calls.sort((a, b) => a.rows - b.rows)).toEqual([
      { status: 200, rows: 200, stored: 200 },
      { status: 200, rows: 500, stored: 500 },
      { status: 200, rows: 500, stored: 500 },
    ]);
    for (const call of bigQuery.calls) {
      expect(call.bearer).toBe(identity.lastAccessToken);
      expect(call).toMatchObject({ skipInvalidRows: true, ignoreUnknownValues: false });
    }
    expect(bigQuery.rows).toHaveLength(1200);
    expect(new Set(bigQuery.rows.map((row) => row.insertId)).size).toBe(1200);
    expect(bigQuery.rows.find((row) => row.json.reading_seq === 7)).toEqual({
      insertId: `alice/${SHARD}/${sequenceNumber(7)}`,
      json: expect.objectContaining({ environment: 'alice', sensor_id: 'sensor-003', reading_seq: 7, sequence_number: sequenceNumber(7) }),
    });
  });

  it("exchanges the role's environment credentials once per container: no instance metadata, one exchange, one impersonation", async () => {
    expect(await container.invoke(readingEvent(3, 5000))).toEqual({ batchItemFailures: [] });
    expect(identity.metadataRequests).toEqual([]);
    expect(identity.exchanges.map((exchange) => exchange.status)).toEqual([200]);
    const headers = new Map(identity.exchanges[0]?.signedRequest.headers.map(({ key, value }) => [key, value]));
    expect(headers.get('x-amz-security-token')).toBe(identity.lambdaEnvironment.AWS_SESSION_TOKEN);
    expect(identity.exchanges[0]?.signedRequest.url).toBe(
      'https://sts.eu-west-1.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
    );
    expect(identity.impersonations).toEqual([
      { serviceAccountEmail: SERVICE_ACCOUNT, body: { scope: [BIGQUERY_INSERT_SCOPE], lifetime: '900s' }, status: 200 },
    ]);
  });

  it('stores nothing twice when Lambda delivers a batch again (insertId de-duplication)', async () => {
    const before = bigQuery.rows.length;
    expect(await container.invoke(readingEvent(1200))).toEqual({ batchItemFailures: [] });
    expect(bigQuery.rows).toHaveLength(before);
    expect(bigQuery.calls.slice(-3).map((call) => call.stored)).toEqual([0, 0, 0]);
  });

  it('retries a 503 and then a 429 within the invocation, and gets every row in', async () => {
    bigQuery.failRequests(1, 503);
    bigQuery.failRequests(1, 429);
    const calls = bigQuery.calls.length;
    expect(await container.invoke(readingEvent(10, 6000))).toEqual({ batchItemFailures: [] });
    expect(bigQuery.calls.slice(calls).map((call) => call.status)).toEqual([503, 429, 200]);
    expect(bigQuery.rows.filter((row) => (row.json.reading_seq as number) >= 6000)).toHaveLength(10);
  });

  it('reports every record of a request still throttled after its last attempt, and stores none of it', async () => {
    bigQuery.failRequests(4, 429);
    const calls = bigQuery.calls.length;
    const response = await container.invoke(readingEvent(5, 7000));
    expect(response.batchItemFailures).toEqual([0, 1, 2, 3, 4].map((k) => ({ itemIdentifier: sequenceNumber(7000 + k) })));
    expect(bigQuery.calls.slice(calls).map((call) => call.status)).toEqual([429, 429, 429, 429]);
    expect(bigQuery.rows.filter((row) => (row.json.reading_seq as number) >= 7000)).toEqual([]);
  });

  it('reports the rows BigQuery rejects and the record that is not a reading; the others go in', async () => {
    bigQuery.rejectRows((json) =>
      json.reading_seq === 8003
        ? { reason: 'invalid', location: 'iot_value', message: 'Cannot convert value to floating point' }
        : undefined,
    );
    const event = readingEvent(6, 8000);
    event.Records.splice(1, 1, kinesisRecord(8001, 'not a reading'));
    const response = await container.invoke(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumber(8001) }, { itemIdentifier: sequenceNumber(8003) }]);
    const stored = bigQuery.rows.map((row) => row.json.reading_seq).filter((seq) => (seq as number) >= 8000);
    expect(stored).toEqual([8000, 8002, 8004, 8005]);
    expect(container.stdout).toContain('"type":"rows-rejected"');
    expect(container.stdout).toContain(`"type":"undecodable","sequenceNumber":"${sequenceNumber(8001)}"`);
  });

  it('never logs a token or a credential', () => {
    expect(container.stdout.length).toBeGreaterThan(0);
    for (const secret of [identity.lastAccessToken ?? '?', ...Object.values(identity.lambdaEnvironment).slice(0, 3)]) {
      expect(container.stdout).not.toContain(secret);
      expect(container.stderr).not.toContain(secret);
    }
  });
});

describe('the sink Lambda refuses to start without its configuration', () => {
  it('exits with a one-line error naming the missing variable', async () => {
    const identity = await WorkloadIdentityStandIns.start(IDENTITY);
    const bigQuery = await BigQueryInsertAllStandIn.start({ ...TABLE, schema: SENSOR_READINGS_SCHEMA, tokenScopes: () => undefined });
    try {
      const env = { ...lambdaEnv(identity, bigQuery), LABS_SINK_TABLE: undefined };
      const container = LambdaContainer.start(env);
      await expect(container.invoke(readingEvent(1))).rejects.toThrow(/the container exited with 1/);
      expect(container.stderr).toBe("LABS_SINK_TABLE is not set: the BigQuery sink needs it (set by the kinesis-data stack's sink)\n");
      expect(bigQuery.calls).toEqual([]);
    } finally {
      await Promise.all([identity.stop(), bigQuery.stop()]);
    }
  });
});
