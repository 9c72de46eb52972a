import { LabsError } from '@labs/config';
import type { Prediction } from './analysis';
import { PROBS_COLUMN } from './sql/statements';
import { LABEL_COLUMN } from './sql/visitor-label';

/** Flat probability column accepted in CSV files and JSON rows instead of the `ML.PREDICT` array. */
export const PROBABILITY_COLUMN = 'probability';

type Row = Readonly<Record<string, unknown>>;

/** Reads a label given as 1/0, "1"/"0", true/false or "true"/"false"; undefined for anything else. */
function labelValue(value: unknown): 0 | 1 | undefined {
  if (value === 1 || value === '1' || value === true || value === 'true') return 1;
  if (value === 0 || value === '0' || value === false || value === 'false') return 0;
  return undefined;
}

function probabilityValue(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && number >= 0 && number <= 1 ? number : undefined;
}

/** The probability of label 1 from `ML.PREDICT`'s `[{ label, prob }]`, or 1 − prob of label 0. */
function probabilityFromProbs(probs: unknown): number | undefined {
  if (!Array.isArray(probs)) return undefined;
  const entries = probs as readonly { label?: unknown; prob?: unknown }[];
  const positive = entries.find((entry) => labelValue(entry?.label) === 1);
  if (positive) return probabilityValue(positive.prob);
  const negative = entries.find((entry) => labelValue(entry?.label) === 0);
  const negativeProbability = negative ? probabilityValue(negative.prob) : undefined;
  return negativeProbability === undefined ? undefined : 1 - negativeProbability;
}

/**
 * Predictions from rows such as `ML.PREDICT` returns them (the runner's query results) or a file holds
 * them: the label column `will_buy_on_return_visit` and either `predicted_will_buy_on_return_visit_probs`
 * or a flat `probability`.
 */
export function predictionsFromRows(rows: readonly Row[], source: string): Prediction[] {
  if (rows.length === 0) throw new LabsError(`no predictions in ${source}: it has no rows`);
  return rows.map((row, index) => {
    const where = `row ${index + 1} of ${source}`;
    if (!(LABEL_COLUMN in row)) {
      throw new LabsError(
        `${where} has no label column "${LABEL_COLUMN}" (columns: ${Object.keys(row).join(', ') || 'none'}); export ML.PREDICT output with the label`,
      );
    }
    const label = labelValue(row[LABEL_COLUMN]);
    if (label === undefined) {
      throw new LabsError(`${where}: ${LABEL_COLUMN} is ${JSON.stringify(row[LABEL_COLUMN])}; expected 1/0, "1"/"0" or true/false`);
    }
    const probability = PROBS_COLUMN in row ? probabilityFromProbs(row[PROBS_COLUMN]) : probabilityValue(row[PROBABILITY_COLUMN]);
    if (probability === undefined) {
      const seen = PROBS_COLUMN in row ? row[PROBS_COLUMN] : row[PROBABILITY_COLUMN];
      throw new LabsError(
        `${where}: no probability in ${JSON.stringify(seen) ?? 'undefined'}; expected "${PROBS_COLUMN}" as [{"label": 1, "prob": 0.42}, …] or "${PROBABILITY_COLUMN}" between 0 and 1`,
      );
    }
    return { label, probability };
  });
}

/** Splits CSV text (RFC 4180 quoting) into records of fields. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length) records.push([...record, field]);
  return records.filter((fields) => fields.some((value) => value.trim() !== ''));
}

function csvRows(text: string): Row[] {
  const [header, ...records] = csvRecords(text);
  const names = (header ?? []).map((name) => name.trim());
  return records.map((fields) => Object.fromEntries(names.map((name, i) => [name, fields[i]?.trim()])));
}

function jsonRows(text: string, source: string): Row[] {
  const trimmed = text.trim();
  const parse = (json: string, where: string): unknown => {
    try {
      return JSON.parse(json);
    } catch (error) {
      throw new LabsError(`invalid JSON in ${where} of ${source}: ${(error as Error).message}`);
    }
  };
  const values = trimmed.startsWith('[')
    ? parse(trimmed, 'the file')
    : trimmed.split(/\r?\n/).flatMap((line, i) => (line.trim() ? [parse(line, `line ${i + 1}`)] : []));
  if (!Array.isArray(values) || values.some((value) => typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new LabsError(`invalid predictions in ${source}: expected JSON objects, one per line or in one array`);
  }
  return values as Row[];
}

/**
 * Parses a predictions file: JSON lines (BigQuery's JSON export of `ML.PREDICT` output), a JSON array of
 * the same rows, or CSV with a header (`will_buy_on_return_visit,probability`).
 */
export function parsePredictions(text: string, source: string): Prediction[] {
  const first = text.trimStart()[0];
  const rows = first === '{' || first === '[' ? jsonRows(text, source) : csvRows(text);
  return predictionsFromRows(rows, source);
}
