import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { LabsError } from '@labs/config';

/** Image formats Vertex AI trains on (JPEG, GIF, PNG, BMP, ICO), by file extension. */
export const TRAINING_IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.gif', '.png', '.bmp', '.ico'];

/** Largest training image Vertex AI accepts (30 MB). */
export const MAX_TRAINING_IMAGE_BYTES = 30 * 1024 * 1024;

/** An image file in a labelled folder. */
export interface LocalImage {
  /** Path relative to the folder, with `/`: `cirrus/1.jpg`; also its object name in the bucket. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly file: string;
  /** The sub-folder the image is in. */
  readonly label: string;
  readonly bytes: number;
}

/** What a labelled folder holds. */
export interface ImageFolder {
  readonly images: LocalImage[];
  /** Every label sub-folder, images or not, in alphabetical order. */
  readonly labels: string[];
}

function entries(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/**
 * Reads a folder with one sub-folder per label (`clouds/cirrus/*.jpg`, …). Files directly in the folder,
 * nested folders, files that are not JPEG/GIF/PNG/BMP/ICO and files over 30 MB are all reported in one
 * error; nothing is skipped silently. Empty label folders are returned in `labels` for the validation
 * to name.
 */
export function readImageFolder(dir: string): ImageFolder {
  let names: string[];
  try {
    names = entries(dir);
  } catch (error) {
    throw new LabsError(`cannot read image folder "${dir}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const images: LocalImage[] = [];
  const labels: string[] = [];
  const problems: string[] = [];
  for (const label of names) {
    const folder = join(dir, label);
    if (!statSync(folder).isDirectory()) {
      problems.push(`${label} is not in a label folder (expected <label>/<image>)`);
      continue;
    }
    labels.push(label);
    for (const name of entries(folder)) {
      const file = join(folder, name);
      const stat = statSync(file);
      const path = `${label}/${name}`;
      if (stat.isDirectory()) problems.push(`${path}/ is a nested folder (one level of label folders only)`);
      else if (!TRAINING_IMAGE_EXTENSIONS.includes(extname(name).toLowerCase())) {
        problems.push(`${path} is not a training image (${TRAINING_IMAGE_EXTENSIONS.join(', ')})`);
      } else if (stat.size > MAX_TRAINING_IMAGE_BYTES) problems.push(`${path} is ${stat.size} bytes, over the 30 MB limit`);
      else images.push({ path, file, label, bytes: stat.size });
    }
  }
  if (problems.length) throw new LabsError(`image folder "${dir}": ${problems.length} problem(s): ${problems.join('; ')}`);
  return { images, labels };
}
