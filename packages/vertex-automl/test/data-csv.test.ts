import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabsError } from '@labs/config';
import {
  assignMlUse,
  formatDataCsv,
  labelCounts,
  parseLabCsv,
  planFromCsv,
  planFromFolder,
  readImageFolder,
  splitImages,
  type MlUse,
} from '../src';
import { CLOUDS, imageFolder } from './images';

const BUCKET = 'my-lab-project-vcm-alice';
const images = (label: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ uri: `gs://${BUCKET}/${label}/${label}-${from + i}.jpg`, label }));
const clouds = [...images('cirrus', 20), ...images('cumulonimbus', 20), ...images('cumulus', 20)];
const usesOf = (rows: readonly { uri: string; mlUse: MlUse }[]) => new Map(rows.map((row) => [row.uri, row.mlUse]));
const tally = (rows: readonly { label: string; mlUse: MlUse }[], label: string) =>
  ['training', 'validation', 'test'].map((use) => rows.filter((row) => row.label === label && row.mlUse === use).length);

function errorOf(run: () => unknown): LabsError {
  try {
    run();
  } catch (error) {
    if (error instanceof LabsError) return error;
    throw error;
  }
  throw new Error('expected a LabsError');
}

describe('ML_USE split', () => {
  it('splits every label 80/10/10: 16/2/2 for each of the 20-image clouds labels', () => {
    const rows = splitImages(clouds);
    for (const label of ['cirrus', 'cumulonimbus', 'cumulus']) expect(tally(rows, label)).toEqual([16, 2, 2]);
  });

  it('stratifies unequal labels in proportion, with at least one validation and test image each', () => {
    const rows = splitImages([...images('cirrus', 100), ...images('cumulus', 10), ...images('stratus', 3)]);
    expect(tally(rows, 'cirrus')).toEqual([80, 10, 10]);
    expect(tally(rows, 'cumulus')).toEqual([8, 1, 1]);
    expect(tally(rows, 'stratus')).toEqual([1, 1, 1]);
  });

  it('is the same for the same seed whatever the order of the images, different for another seed', () => {
    const reversed = [...clouds].reverse();
    expect(usesOf(splitImages(reversed))).toEqual(usesOf(splitImages(clouds)));
    expect(usesOf(splitImages(clouds, { seed: 'other' }))).not.toEqual(usesOf(splitImages(clouds)));
    expect(tally(splitImages(clouds, { seed: 'other' }), 'cirrus')).toEqual([16, 2, 2]);
  });

  it('does not depend on the bucket: the split hashes the object name', () => {
    const elsewhere = clouds.map((image) => ({ ...image, uri: image.uri.replace(BUCKET, 'another-project-vcm-bob') }));
    expect([...usesOf(splitImages(elsewhere)).values()]).toEqual([...usesOf(splitImages(clouds)).values()]);
  });

  it('keeps existing images where they were when images are added: other labels untouched, at most one move per added image', () => {
    const before = usesOf(splitImages(clouds));
    for (let added = 1; added <= 15; added++) {
      const after = usesOf(splitImages([...clouds, ...images('cirrus', added, 1000)]));
      const moved = [...before].filter(([uri, use]) => after.get(uri) !== use).map(([uri]) => uri);
      expect(moved.every((uri) => uri.includes('/cirrus/'))).toBe(true);
      expect(moved.length).toBeLessThanOrEqual(added);
    }
  });

  it('refuses fractions that do not add up to 1', () => {
    expect(() => assignMlUse([{ key: 'a', label: 'x' }], { fractions: { training: 0.8, validation: 0.3, test: 0.1 } })).toThrow(
      'invalid split 0.8/0.3/0.1: fractions must be non-negative and add up to 1',
    );
  });
});

describe('data.csv', () => {
  it('is one ML_USE,GCS_URI,LABEL line per image, sorted by label and URI', () => {
    const csv = formatDataCsv(splitImages([...images('cumulus', 10), ...images('cirrus', 10)]));
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatch(new RegExp(`^(training|validation|test),gs://${BUCKET}/cirrus/cirrus-0\\.jpg,cirrus$`));
    expect(lines[19]).toMatch(/,cumulus$/);
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('rewrites the placeholder bucket of the lab CSV to the environment bucket, and only the bucket', () => {
    const parsed = parseLabCsv(
      'gs://placeholder/placeholder/cirrus-1.jpg,cirrus\r\n\ntest,gs://placeholder/cumulus/2.jpg,cumulus\n',
      BUCKET,
    );
    expect(parsed.images).toEqual([
      { uri: `gs://${BUCKET}/placeholder/cirrus-1.jpg`, label: 'cirrus' },
      { uri: `gs://${BUCKET}/cumulus/2.jpg`, label: 'cumulus' },
    ]);
    expect([...parsed.mlUse]).toEqual([[`gs://${BUCKET}/cumulus/2.jpg`, 'test']]);
  });

  it('reports every malformed line of the lab CSV with its number', () => {
    const error = errorOf(() =>
      parseLabCsv('gs://placeholder/a.jpg,cirrus\nnot-a-uri,cirrus\nsometimes,gs://placeholder/b.jpg,cumulus\nonly-one\n', BUCKET),
    );
    expect(error.message).toBe(
      'invalid data.csv: 3 problem(s): line 2: "not-a-uri" is not a gs://bucket/object URI; line 3: ML_USE "sometimes" is not one of training, validation, test; line 4: expected "[ML_USE,]gs://bucket/object,LABEL", saw "only-one"',
    );
  });

  it('plans the lab CSV against the bucket: given ML_USE kept, the rest split', () => {
    const csv = clouds.map((image, i) => `${i === 0 ? 'test,' : ''}${image.uri.replace(BUCKET, 'placeholder')},${image.label}`).join('\n');
    const existing = new Set(clouds.map((image) => image.uri.slice(`gs://${BUCKET}/`.length)));
    const plan = planFromCsv(csv, existing, { bucket: BUCKET });
    expect(plan.rows).toHaveLength(60);
    expect(plan.rows.find((row) => row.uri === clouds[0]!.uri)?.mlUse).toBe('test');
    expect(labelCounts(plan.rows)).toEqual({ cirrus: 20, cumulonimbus: 20, cumulus: 20 });
  });

  it('lists every missing object and every label without enough images in one error', () => {
    const csv = [...images('cirrus', 12), ...images('cumulus', 4), ...images('stratus', 10)]
      .map((image) => `${image.uri.replace(BUCKET, 'placeholder')},${image.label}`)
      .join('\n');
    const existing = new Set(
      [...images('cirrus', 10), ...images('cumulus', 4), ...images('stratus', 9)].map((i) => i.uri.slice(`gs://${BUCKET}/`.length)),
    );
    const error = errorOf(() => planFromCsv(csv, existing, { bucket: BUCKET }));
    expect(error.message).toBe(
      `data.csv cannot be imported: 2 problem(s): 3 object(s) do not exist: gs://${BUCKET}/cirrus/cirrus-10.jpg, gs://${BUCKET}/cirrus/cirrus-11.jpg, gs://${BUCKET}/stratus/stratus-9.jpg; label "cumulus" has 4 image(s), Vertex AI needs at least 10`,
    );
  });

  it('refuses images outside the bucket, duplicates, bad labels and a single label', () => {
    const error = errorOf(() =>
      planFromCsv(
        `gs://other-bucket/a.jpg,cirrus\ngs://placeholder/b.jpg,cirrus\ngs://placeholder/b.jpg,cirrus\ngs://placeholder/c.jpg,9lives\n`,
        new Set(['b.jpg', 'c.jpg']),
        { bucket: BUCKET, minImagesPerLabel: 1 },
      ),
    );
    expect(error.message).toContain('gs://other-bucket/a.jpg is not in bucket gs://my-lab-project-vcm-alice');
    expect(error.message).toContain(`gs://${BUCKET}/b.jpg is listed twice`);
    expect(error.message).toContain('label "9lives" must start with a letter');
    const single = errorOf(() =>
      planFromCsv('gs://placeholder/b.jpg,cirrus\n', new Set(['b.jpg']), { bucket: BUCKET, minImagesPerLabel: 1 }),
    );
    expect(single.message).toContain('found 1 label(s), a classifier needs at least 2');
  });
});

describe('labelled image folder', () => {
  it('plans one object per image, named <label>/<file>, split 16/2/2 per clouds label', () => {
    const dir = imageFolder(CLOUDS);
    const plan = planFromFolder(readImageFolder(dir), { bucket: BUCKET });
    expect(plan.rows).toHaveLength(60);
    expect(plan.uploads.get('cirrus/cirrus-3.png')?.file).toBe(join(dir, 'cirrus', 'cirrus-3.png'));
    expect(plan.rows.find((row) => row.uri === `gs://${BUCKET}/cumulus/cumulus-7.png`)?.label).toBe('cumulus');
    for (const label of Object.keys(CLOUDS)) expect(tally(plan.rows, label)).toEqual([16, 2, 2]);
  });

  it('names an empty label folder, alongside labels with too few images', () => {
    const dir = imageFolder({ cirrus: 20, cumulus: 3, cumulonimbus: 0 });
    const error = errorOf(() => planFromFolder(readImageFolder(dir), { bucket: BUCKET }));
    expect(error.message).toBe(
      'the image folder cannot be imported: 2 problem(s): label "cumulonimbus" has no images; label "cumulus" has 3 image(s), Vertex AI needs at least 10',
    );
  });

  it('reports stray files, nested folders and non-images instead of skipping them', () => {
    const dir = imageFolder({ cirrus: 10, cumulus: 10 });
    writeFileSync(join(dir, 'README.txt'), 'x');
    writeFileSync(join(dir, 'cirrus', 'notes.txt'), 'x');
    const error = errorOf(() => readImageFolder(dir));
    expect(error.message).toMatch(/2 problem\(s\): README.txt is not in a label folder .*; cirrus\/notes.txt is not a training image/);
    expect(() => readImageFolder(join(dir, 'missing'))).toThrow(`cannot read image folder "${join(dir, 'missing')}": ENOENT`);
  });
});
