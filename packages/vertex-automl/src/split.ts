import { createHash } from 'node:crypto';
import { LabsError } from '@labs/config';

/** Where an image is used, as Vertex AI's `ML_USE` column spells it. */
export type MlUse = 'training' | 'validation' | 'test';

/** The split's fractions; they add up to 1. */
export interface SplitFractions {
  readonly training: number;
  readonly validation: number;
  readonly test: number;
}

/** The seed's and Vertex AI's default: 80% training, 10% validation, 10% test. */
export const DEFAULT_SPLIT: SplitFractions = { training: 0.8, validation: 0.1, test: 0.1 };

/** Default seed of the split. */
export const DEFAULT_SPLIT_SEED = 'automl-vision';

/** An image with its label; `key` is what the split hashes (its path or object name). */
export interface SplitItem {
  readonly key: string;
  readonly label: string;
}

/** Options of {@link assignMlUse}. */
export interface SplitOptions {
  /** @default {@link DEFAULT_SPLIT} */
  readonly fractions?: SplitFractions;
  /** Another seed gives another, equally stratified split. @default {@link DEFAULT_SPLIT_SEED} */
  readonly seed?: string;
}

/** Seeded rank of an item: the first 8 bytes of SHA-256 over seed and key. */
function rank(seed: string, key: string): string {
  return createHash('sha256').update(seed).update('\0').update(key).digest('hex').slice(0, 16);
}

/** How many of `count` images go to validation and test: rounded, at least one each once a label has 3 images. */
function holdOut(count: number, fractions: SplitFractions): { validation: number; test: number } {
  const atLeastOne = (fraction: number) =>
    fraction > 0 && count >= 3 ? Math.max(1, Math.round(count * fraction)) : Math.round(count * fraction);
  return { validation: atLeastOne(fractions.validation), test: atLeastOne(fractions.test) };
}

function checkFractions(fractions: SplitFractions): void {
  const values = [fractions.training, fractions.validation, fractions.test];
  if (values.some((v) => !Number.isFinite(v) || v < 0) || Math.abs(values.reduce((a, b) => a + b, 0) - 1) > 1e-9) {
    throw new LabsError(`invalid split ${values.join('/')}: fractions must be non-negative and add up to 1 (e.g. 0.8/0.1/0.1)`);
  }
}

/**
 * Assigns `ML_USE` to every item, stratified per label: within each label the items are ordered by a
 * seeded hash of their key (never by their position in a listing), the last `round(n * test)` go to
 * test, the `round(n * validation)` before them to validation, the rest to training (validation and
 * test get at least one image each once a label has 3). Consequences, each tested:
 * - every label is split in the same proportions;
 * - the same items and seed give the same split on every machine, whatever order they are listed in;
 * - adding images to a label moves at most one existing image of that label per added image across a
 *   split boundary, and never touches other labels.
 */
export function assignMlUse<T extends SplitItem>(items: readonly T[], options: SplitOptions = {}): Map<T, MlUse> {
  const fractions = options.fractions ?? DEFAULT_SPLIT;
  const seed = options.seed ?? DEFAULT_SPLIT_SEED;
  checkFractions(fractions);
  const byLabel = new Map<string, T[]>();
  for (const item of items) byLabel.set(item.label, [...(byLabel.get(item.label) ?? []), item]);
  const assigned = new Map<T, MlUse>();
  for (const group of byLabel.values()) {
    const ordered = group
      .map((item) => ({ item, rank: rank(seed, item.key) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    const { validation, test } = holdOut(ordered.length, fractions);
    const trainingEnd = ordered.length - validation - test;
    ordered.forEach(({ item }, index) =>
      assigned.set(item, index < trainingEnd ? 'training' : index < trainingEnd + validation ? 'validation' : 'test'),
    );
  }
  return assigned;
}
