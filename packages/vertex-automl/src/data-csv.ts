import { LabsError } from '@labs/config';
import { CSV_PLACEHOLDER } from './lab-settings';
import { assignMlUse, type MlUse, type SplitOptions } from './split';

/** An image in Cloud Storage with its label. */
export interface LabelledImage {
  /** `gs://bucket/object`. */
  readonly uri: string;
  readonly label: string;
}

/** One row of `data.csv`: `ML_USE,GCS_URI,LABEL`. */
export interface DataRow extends LabelledImage {
  readonly mlUse: MlUse;
}

const ML_USES: readonly string[] = ['training', 'validation', 'test'];
const GCS_URI = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,220}[a-z0-9])\/(.+)$/;

/** Splits `gs://bucket/object` into its parts, or returns undefined. */
export function parseGcsUri(uri: string): { bucket: string; object: string } | undefined {
  const match = GCS_URI.exec(uri);
  return match ? { bucket: match[1]!, object: match[2]! } : undefined;
}

/** Assigns the stratified, seeded `ML_USE` split to images (see `assignMlUse`). */
export function splitImages(images: readonly LabelledImage[], options: SplitOptions = {}): DataRow[] {
  const uses = assignMlUse(
    images.map((image) => ({ ...image, key: parseGcsUri(image.uri)?.object ?? image.uri })),
    options,
  );
  return [...uses].map(([item, mlUse]) => ({ uri: item.uri, label: item.label, mlUse })).sort(byLabelThenUri);
}

function byLabelThenUri(a: LabelledImage, b: LabelledImage): number {
  return a.label === b.label ? (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) : a.label < b.label ? -1 : 1;
}

/** `data.csv` in Vertex AI's single-label import format: one `ML_USE,GCS_URI,LABEL` line per image. */
export function formatDataCsv(rows: readonly DataRow[]): string {
  return rows.map((row) => `${row.mlUse},${row.uri},${row.label}\n`).join('');
}

/** What {@link parseLabCsv} read. */
export interface ParsedCsv {
  /** The images, with the bucket rewritten. */
  readonly images: LabelledImage[];
  /** `ML_USE` values the file already assigned, by URI (the seed's file assigns none). */
  readonly mlUse: ReadonlyMap<string, MlUse>;
}

/**
 * Reads the lab's `data.csv` (`[ML_USE,]GCS_URI,LABEL` per line) and rewrites the bucket `placeholder`
 * to `bucket`, as the seed's `sed -i -e "s/placeholder/${BUCKET}/g"` does, but only in the bucket part
 * of each URI. Every malformed line is reported at once, with its line number.
 */
export function parseLabCsv(text: string, bucket: string, source = 'data.csv'): ParsedCsv {
  const images: LabelledImage[] = [];
  const mlUse = new Map<string, MlUse>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const cells = line.split(',').map((cell) => cell.trim());
    const [use, uri, label] = cells.length === 3 ? cells : [undefined, cells[0], cells[1]];
    const where = `line ${index + 1}`;
    if (cells.length < 2 || cells.length > 3 || !uri || !label) {
      problems.push(`${where}: expected "[ML_USE,]gs://bucket/object,LABEL", saw "${line}"`);
      return;
    }
    if (use !== undefined && use !== '' && !ML_USES.includes(use.toLowerCase())) {
      problems.push(`${where}: ML_USE "${use}" is not one of ${ML_USES.join(', ')}`);
      return;
    }
    const parsed = parseGcsUri(uri);
    if (!parsed) {
      problems.push(`${where}: "${uri}" is not a gs://bucket/object URI`);
      return;
    }
    const rewritten = `gs://${parsed.bucket === CSV_PLACEHOLDER ? bucket : parsed.bucket}/${parsed.object}`;
    images.push({ uri: rewritten, label });
    if (use) mlUse.set(rewritten, use.toLowerCase() as MlUse);
  });
  if (problems.length) throw new LabsError(`invalid ${source}: ${problems.length} problem(s): ${problems.join('; ')}`);
  return { images, mlUse };
}
