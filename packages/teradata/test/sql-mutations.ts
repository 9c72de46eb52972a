import { seededRandom } from '@labs/config';

/** SQL text split into words, quoted literals, whitespace runs and single symbols. */
function pieces(sql: string): string[] {
  return sql.match(/'(?:[^']|'')*'|"[^"]*"|\w+|\s+|[^\w\s]/g) ?? [];
}

/**
 * Seeded mutations of SQL statements, for differential tests: each mutant drops, inserts, swaps,
 * re-cases or replaces one to three pieces, taking new words from the whole corpus, so most mutants
 * are malformed or unusual in ways nobody would write a case for.
 */
export function mutateCorpus(corpus: readonly string[], seed: number, rounds: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words = [...new Set(corpus.flatMap((sql) => pieces(sql).filter((p) => p.trim())))];
  const mutate = (sql: string): string => {
    const parts = pieces(sql);
    const edits = 1 + Math.floor(random() * 3);
    for (let k = 0; k < edits; k++) {
      const i = Math.floor(random() * parts.length);
      const part = parts[i] ?? '';
      switch (Math.floor(random() * 6)) {
        case 0:
          parts.splice(i, 1);
          break;
        case 1:
          parts.splice(i, 0, pick(words), ' ');
          break;
        case 2:
          if (i + 2 < parts.length) [parts[i], parts[i + 2]] = [parts[i + 2]!, part];
          break;
        case 3:
          parts[i] = part.toLowerCase() === part ? part.toUpperCase() : part.toLowerCase();
          break;
        case 4:
          parts[i] = pick(words);
          break;
        default:
          parts.splice(i, 0, ' ', pick(pieces(pick(corpus))), ' ');
      }
    }
    return parts.join('');
  };
  return Array.from({ length: rounds }, () => corpus.map(mutate)).flat();
}

/**
 * Seeded crossovers of SQL statements: the start of one statement up to a word or symbol, then the
 * rest of another statement from the same word or symbol on. Unlike mutants, most of them are valid
 * statements that combine constructs of different cases.
 */
export function crossCorpus(corpus: readonly string[], seed: number, count: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const split = corpus.map(pieces);
  const crossed: string[] = [];
  while (crossed.length < count) {
    const head = pick(split);
    const tail = pick(split);
    const at = Math.floor(random() * head.length);
    const joint = head[at]?.toUpperCase();
    if (!joint?.trim()) continue;
    const resumes = tail.flatMap((part, i) => (part.toUpperCase() === joint ? [i] : []));
    if (resumes.length === 0) continue;
    crossed.push([...head.slice(0, at), ...tail.slice(pick(resumes))].join(''));
  }
  return crossed;
}
