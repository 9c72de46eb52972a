import type { CloudFormationCustomResourceResponse } from 'aws-lambda';

/**
 * Host names CloudFormation's pre-signed response URLs use in `region`: the AWS-owned bucket
 * `cloudformation-custom-resource-response-<region without dashes>` (named so in the CloudFormation
 * guide's VPC endpoint page) on S3's global, dotted regional and legacy dashed regional endpoints; China
 * regions end in `.amazonaws.com.cn`.
 */
export function cloudFormationResponseHosts(region: string): string[] {
  const bucket = `cloudformation-custom-resource-response-${region.replace(/-/g, '')}`;
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return [`${bucket}.s3.${domain}`, `${bucket}.s3.${region}.${domain}`, `${bucket}.s3-${region}.${domain}`];
}

/**
 * Accepts `url` only if it is an HTTPS URL of CloudFormation's response bucket in `region` (no port, no
 * credentials), so an invocation that did not come from CloudFormation cannot make the function act or
 * send its answer elsewhere. Throws a one-line error naming the URL otherwise.
 */
export function checkResponseUrl(url: string, region: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`ResponseURL "${url}" is not a URL; expected CloudFormation's response endpoint in ${region}`);
  }
  const hosts = cloudFormationResponseHosts(region);
  if (
    parsed.protocol !== 'https:' ||
    parsed.port !== '' ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    !hosts.includes(parsed.hostname)
  ) {
    throw new Error(
      `ResponseURL host "${parsed.protocol}//${parsed.host}" is not CloudFormation's response endpoint in ${region} (allowed: https://${hosts.join(', https://')})`,
    );
  }
  return parsed;
}

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
