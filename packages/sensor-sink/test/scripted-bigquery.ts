import type { BigQueryInsertClient, InsertAllRequest, InsertAllResponse } from '../src';

/** How the scripted client answers one request: a response, or an error it rejects with. */
export type Answer =
  InsertAllResponse | Error | ((request: InsertAllRequest) => InsertAllResponse | Error | Promise<InsertAllResponse | Error>);

/**
 * An injected insertAll client that records every request and answers from a script, one answer per
 * request in arrival order; once the script is used up, every row goes in.
 */
export class ScriptedBigQuery implements BigQueryInsertClient {
  readonly requests: InsertAllRequest[] = [];

  constructor(private readonly script: Answer[] = []) {}

  async insertAll(request: InsertAllRequest): Promise<InsertAllResponse> {
    this.requests.push(request);
    const next = this.script.shift() ?? {};
    const answer = typeof next === 'function' ? await next(request) : next;
    if (answer instanceof Error) throw answer;
    return answer;
  }

  /** The insertIds of each request, in order. */
  get insertIds(): string[][] {
    return this.requests.map((request) => request.rows.map((row) => row.insertId));
  }
}
