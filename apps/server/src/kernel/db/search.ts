import { sql, type SQL } from 'drizzle-orm';

/** A LIKE pattern matches `%`, `_` and `\` literally once escaped. */
export function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A text[] literal of parameters, one per element. */
export function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * The distinct pairs of consecutive characters of a search term, lower-cased as PostgreSQL's
 * `lower()` does for the `crm_search_grams` index: every pair of a term is a pair of any text that
 * contains it, so the pairs select candidates that a LIKE then confirms. Empty below two characters.
 */
export function characterPairs(term: string): string[] {
  const chars = [...term.toLowerCase()];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}
