import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Name of the user-data shell function that downloads an object and checks its SHA-256. */
export const VERIFIED_FETCH = 'labs_fetch_verified';

/**
 * The user-data shell function `labs_fetch_verified <s3-url> <destination> <sha256> <mode>`: copies the
 * object to a temporary file beside the destination, compares its SHA-256 with the one the stack was
 * built with, and only then gives it its mode and moves it into place. On a mismatch it removes the
 * download, says so on stderr and fails, and `set -e` stops the script: nothing swapped in the asset
 * bucket (an asset key that already exists is never uploaded again) ever runs.
 */
export const VERIFIED_FETCH_FUNCTION: readonly string[] = [
  `${VERIFIED_FETCH}() {`,
  '  local url="$1" destination="$2" expected="$3" mode="$4" download actual',
  '  install -d -m 0755 "$(dirname "$destination")"',
  '  download="$(mktemp "$destination.XXXXXXXX")"',
  '  aws s3 cp --only-show-errors "$url" "$download"',
  '  actual="$(sha256sum "$download" | cut -d " " -f 1)"',
  '  if [ "$actual" != "$expected" ]; then',
  '    rm -f "$download"',
  '    echo "labs: refusing $url: its sha256 is $actual, the stack was built with $expected" >&2',
  '    return 1',
  '  fi',
  '  chmod "$mode" "$download"',
  '  mv -f "$download" "$destination"',
  '}',
];

/** The user-data line that fetches one object through {@link VERIFIED_FETCH_FUNCTION}. */
export function verifiedFetchCommand(url: string, destination: string, sha256: string, mode: string): string {
  return `${VERIFIED_FETCH} '${url}' '${destination}' ${sha256} ${mode}`;
}

/** Hex SHA-256 of a local file: what the instance must find in what it downloads. */
export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
