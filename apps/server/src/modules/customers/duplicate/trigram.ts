/**
 * String measures. `pgTrigrams` + `trigramSimilarity` reproduce PostgreSQL pg_trgm's similarity():
 * each word (run of letters/digits) is lower-cased, padded with two spaces in front and one behind,
 * cut into 3-character windows, deduplicated; similarity = shared / (|A| + |B| − shared). pg_trgm
 * stores multibyte trigrams as a 3-byte CRC, so a collision can differ from this in theory; the
 * SQL threshold keeps a margin for it.
 */

export function pgTrigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 2 < chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return out;
}

export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const trigram of small) if (large.has(trigram)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition) over arrays, with a
 * substitution cost in [0, 1] so that near-equal items (homophones) cost less than different ones.
 */
export function editDistance<T>(
  a: readonly T[],
  b: readonly T[],
  substitutionCost: (x: T, y: T) => number = (x, y) => (x === y ? 0 : 1),
): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  const rows = new Float64Array((a.length + 1) * width);
  for (let j = 0; j <= b.length; j++) rows[j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[i * width] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = substitutionCost(a[i - 1]!, b[j - 1]!);
      let d = Math.min(rows[(i - 1) * width + j]! + 1, rows[i * width + j - 1]! + 1, rows[(i - 1) * width + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[(i - 2) * width + j - 2]! + 1);
      rows[i * width + j] = d;
    }
  }
  return rows[a.length * width + b.length]!;
}

/** 1 − distance / longer length, in [0, 1]. */
export function editSimilarity<T>(a: readonly T[], b: readonly T[], substitutionCost?: (x: T, y: T) => number): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b, substitutionCost) / longer;
}
