const REDACTED = '[REDACTED]';

/** Credential-bearing names, in JSON, form fields, headers and `KEY=value` settings. */
const SECRET_NAME =
  '(?:access_?token|refresh_?token|id_?token|subject_?token|session_?token|security_?token|secret_?access_?key|secret|private_?key|client_?secret|password|token)';

/** What {@link redact} hides, each with what stays visible. */
const RULES: readonly [pattern: RegExp, replacement: string][] = [
  // PEM private keys (service-account key files among them).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  // OAuth 2.0 bearer tokens in an Authorization header or message.
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  // SigV4 signatures in Authorization headers (the query form is a URL parameter below).
  [/\b(Signature=)[0-9a-f]{16,}/g, `$1${REDACTED}`],
  // Query parameters of signed and tokenized URLs: X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token, SessionToken, access_token, key, sig…
  [/([?&](?:[^=&\s#]*(?:token|signature|credential|secret|password|sig|key)[^=&\s#]*)=)[^&\s#"'<>]+/gi, `$1${REDACTED}`],
  // "access_token": "…", SecretAccessKey: …, AWS_SESSION_TOKEN=…
  [new RegExp(`((?:^|[^A-Za-z0-9])["']?[A-Za-z_]*${SECRET_NAME}["']?\\s*[:=]\\s*["']?)[^"'\\s,&}]+`, 'gi'), `$1${REDACTED}`],
  // Google OAuth access tokens and AWS access key ids wherever they stand.
  [/\bya29\.[A-Za-z0-9._-]+/g, `ya29.${REDACTED}`],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
];

/**
 * The text with every token, signature, credential and key replaced by `[REDACTED]`, for logs and error
 * messages: bearer tokens, Google access tokens, AWS key ids, SigV4 signatures, the secret parameters of
 * signed URLs (the HLS playback URL's session token, `X-Amz-Signature`…), secret JSON and form fields,
 * private keys. Names, hosts and paths stay readable.
 */
export function redact(text: string): string {
  return RULES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}
