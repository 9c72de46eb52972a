import type { CloudFormationCustomResourceResponse } from 'aws-lambda';

/** Sends a custom resource response to CloudFormation's pre-signed S3 URL (PUT, empty content type). */
export async function putCustomResourceResponse(url: string, response: CloudFormationCustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  const result = await fetch(url, {
    method: 'PUT',
    body,
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
  });
  if (!result.ok) throw new Error(`CloudFormation response upload failed: HTTP ${result.status}`);
}
