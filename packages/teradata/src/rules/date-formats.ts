/**
 * Teradata FORMAT strings (`'YYYY-MM-DD'`, `'DD/MM/YYYY'`, `'HH:MI:SS'`) as GoogleSQL
 * `FORMAT_DATE` / `PARSE_DATE` elements (`'%Y-%m-%d'`).
 */
export interface ConvertedFormat {
  /** The GoogleSQL format string. */
  readonly strftime: string;
  /** True when the format has time-of-day elements (so it needs the TIMESTAMP functions). */
  readonly hasTime: boolean;
}

const ELEMENTS: readonly (readonly [string, string, boolean])[] = [
  ['YYYY', '%Y', false],
  ['Y4', '%Y', false],
  ['YY', '%y', false],
  ['MMMM', '%B', false],
  ['M4', '%B', false],
  ['MMM', '%b', false],
  ['M3', '%b', false],
  ['MM', '%m', false],
  ['DDD', '%j', false],
  ['D3', '%j', false],
  ['DD', '%d', false],
  ['EEEE', '%A', false],
  ['E4', '%A', false],
  ['EEE', '%a', false],
  ['E3', '%a', false],
  ['HH24', '%H', true],
  ['HH', '%H', true],
  ['MI', '%M', true],
  ['SS', '%S', true],
  ['T', '%p', true],
  ['Q', '%Q', false],
];

const SEPARATORS = /^[-/:.,\s]$/;

/** Converts a Teradata date/time FORMAT string; undefined when it holds an element we do not map. */
export function convertDateFormat(format: string): ConvertedFormat | undefined {
  let out = '';
  let hasTime = false;
  let i = 0;
  const upper = format.toUpperCase();
  outer: while (i < upper.length) {
    for (const [element, strftime, isTime] of ELEMENTS) {
      if (upper.startsWith(element, i)) {
        out += strftime;
        hasTime ||= isTime;
        i += element.length;
        continue outer;
      }
    }
    const c = format[i]!;
    if (SEPARATORS.test(c)) {
      out += c;
      i++;
      continue;
    }
    if (c === 'B' || c === 'b') {
      out += ' ';
      i++;
      continue;
    }
    return undefined;
  }
  return { strftime: out, hasTime };
}

const SINGLE_PART: Readonly<Record<string, string>> = {
  Q: 'QUARTER',
  YYYY: 'YEAR',
  Y4: 'YEAR',
  MM: 'MONTH',
  DD: 'DAY',
  DDD: 'DAYOFYEAR',
  HH24: 'HOUR',
  HH: 'HOUR',
  MI: 'MINUTE',
  SS: 'SECOND',
};

/** The EXTRACT part a one-element numeric format reads (`'Q'` → QUARTER), if it is one. */
export function singleDatePart(format: string): string | undefined {
  return SINGLE_PART[format.toUpperCase()];
}
