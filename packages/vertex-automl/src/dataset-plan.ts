import { parseLabCsv, splitImages, type DataRow, type LabelledImage } from './data-csv';
import type { ImageFolder, LocalImage } from './image-folder';
import type { SplitOptions } from './split';
import { assertValidDataset } from './validation';

/** What will be imported: the rows of `data.csv` and, for a local folder, the files to upload. */
export interface DatasetPlan {
  readonly rows: DataRow[];
  /** Local files by object name (empty when the images are already in the bucket). */
  readonly uploads: ReadonlyMap<string, LocalImage>;
}

/** Options of the plans. */
export interface PlanOptions extends SplitOptions {
  /** The environment's bucket. */
  readonly bucket: string;
  /** Least images per label. @default MIN_IMAGES_PER_LABEL */
  readonly minImagesPerLabel?: number;
}

/**
 * Plans the import of a labelled folder: each image becomes `gs://<bucket>/<label>/<file>` with its
 * label and split. Validated first (every label folder has enough images).
 */
export function planFromFolder(folder: ImageFolder, options: PlanOptions): DatasetPlan {
  const images = folder.images.map((image) => ({ uri: `gs://${options.bucket}/${image.path}`, label: image.label }));
  assertValidDataset(images, { ...options, expectedLabels: folder.labels }, 'the image folder');
  return { rows: splitImages(images, options), uploads: new Map(folder.images.map((image) => [image.path, image])) };
}

/**
 * Plans the import of the lab's `data.csv`: `placeholder` becomes the bucket, the `ML_USE` a row already
 * has is kept and the rest are split. Every referenced object must be among `existingObjects`.
 */
export function planFromCsv(text: string, existingObjects: ReadonlySet<string>, options: PlanOptions, source = 'data.csv'): DatasetPlan {
  const parsed = parseLabCsv(text, options.bucket, source);
  assertValidDataset(parsed.images, { ...options, existingObjects }, source);
  const given: DataRow[] = [];
  const unassigned: LabelledImage[] = [];
  for (const image of parsed.images) {
    const mlUse = parsed.mlUse.get(image.uri);
    if (mlUse) given.push({ ...image, mlUse });
    else unassigned.push(image);
  }
  return { rows: [...given, ...splitImages(unassigned, options)], uploads: new Map() };
}
