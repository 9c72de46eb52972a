import { LabsError } from '@labs/config';
import { parseGcsUri, type LabelledImage } from './data-csv';
import { MIN_IMAGES_PER_LABEL } from './lab-settings';

/** Options of {@link datasetProblems}. */
export interface ValidationOptions {
  /** The bucket every image must be in. */
  readonly bucket: string;
  /** Object names present in the bucket; when given, every referenced object must be among them. */
  readonly existingObjects?: ReadonlySet<string>;
  /** Labels that must have images although none was seen (such as empty label folders). @default none */
  readonly expectedLabels?: readonly string[];
  /** @default {@link MIN_IMAGES_PER_LABEL} */
  readonly minImagesPerLabel?: number;
}

const LABEL = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/**
 * Everything wrong with a set of labelled images, in one list: images outside the bucket, objects that
 * do not exist, duplicate images, malformed labels, labels with too few images, fewer than two labels.
 */
export function datasetProblems(images: readonly LabelledImage[], options: ValidationOptions): string[] {
  const minimum = options.minImagesPerLabel ?? MIN_IMAGES_PER_LABEL;
  const problems: string[] = [];
  const counts = new Map<string, number>((options.expectedLabels ?? []).map((label) => [label, 0]));
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const image of images) {
    counts.set(image.label, (counts.get(image.label) ?? 0) + 1);
    const parsed = parseGcsUri(image.uri);
    if (!parsed || parsed.bucket !== options.bucket) {
      problems.push(`${image.uri} is not in bucket gs://${options.bucket}`);
    } else if (options.existingObjects && !options.existingObjects.has(parsed.object)) {
      missing.push(image.uri);
    }
    if (seen.has(image.uri)) problems.push(`${image.uri} is listed twice`);
    seen.add(image.uri);
  }
  if (missing.length) problems.push(`${missing.length} object(s) do not exist: ${missing.join(', ')}`);
  for (const [label, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!LABEL.test(label)) problems.push(`label "${label}" must start with a letter and use only letters, digits and _ (at most 32)`);
    if (count === 0) problems.push(`label "${label}" has no images`);
    else if (count < minimum) problems.push(`label "${label}" has ${count} image(s), Vertex AI needs at least ${minimum}`);
  }
  if (counts.size < 2) problems.push(`found ${counts.size} label(s), a classifier needs at least 2`);
  return problems;
}

/** Throws one `LabsError` that lists every problem of {@link datasetProblems}, if there is any. */
export function assertValidDataset(images: readonly LabelledImage[], options: ValidationOptions, source: string): void {
  const problems = datasetProblems(images, options);
  if (problems.length) throw new LabsError(`${source} cannot be imported: ${problems.length} problem(s): ${problems.join('; ')}`);
}

/** Counts images per label, labels in alphabetical order. */
export function labelCounts(images: readonly { readonly label: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of images.map((image) => image.label).sort()) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}
