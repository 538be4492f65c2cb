import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { customer } from '../customers.schema.ts';
import { isWrittenInHan } from './similarity.ts';

/** What the duplicate check reads of a candidate: enough to score its name and name its owner. */
const candidateColumns = { id: customer.id, name: customer.name, ownerId: customer.ownerId, mergedIntoId: customer.mergedIntoId };
export type DuplicateCandidate = { id: string; name: string; ownerId: string | null; mergedIntoId: string | null };

/**
 * Customers whose pinyin key contains one of the given trade-name spellings (see
 * candidate-keys.ts), answered from the trigram index on `name_pinyin`, most similar first.
 * Searched across all customers, whatever the caller's scope (the duplicate check says of the
 * others only their name and owner).
 */
export async function findByCorePinyin(
  db: Db,
  patterns: readonly string[],
  keys: { normalizedName: string; namePinyin: string },
  threshold: number,
  limit: number,
): Promise<DuplicateCandidate[]> {
  if (patterns.length === 0) return [];
  const byName = sql`similarity(${customer.normalizedName}, ${keys.normalizedName})`;
  return db
    .select(candidateColumns)
    .from(customer)
    .where(
      and(
        // Spellings are lower-case pinyin letters only: nothing to escape for LIKE.
        or(...patterns.map((p) => sql`${customer.namePinyin} like ${`%${p}%`}`)),
        // The scorer's own pre-filter (similarity.ts, `classify`): a spelling found inside another
        // name ("he lin" in "…合霖…" and "…河林…") is no candidate unless the names are alike at all.
        or(
          eq(customer.normalizedName, keys.normalizedName),
          sql`greatest(${byName}, similarity(${customer.namePinyin}, ${keys.namePinyin})) >= ${threshold}`,
        ),
      ),
    )
    .orderBy(sql`${byName} desc`, customer.id)
    .limit(limit);
}

type Scored = { row: DuplicateCandidate; byName: number; byPinyin: number };

/** Names written without Chinese characters (U+3400–U+9FFF, as `isWrittenInHan`): the predicate of the partial index on their pinyin. */
const latinName = sql`${customer.normalizedName} !~ '[㐀-鿿]'`;

async function mostSimilar(
  db: Db,
  on: 'name' | 'pinyin',
  keys: { normalizedName: string; namePinyin: string },
  threshold: number,
  limit: number,
) {
  await db.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`);
  const byName = sql<number>`similarity(${customer.normalizedName}, ${keys.normalizedName})`;
  const byPinyin = sql<number>`similarity(${customer.namePinyin}, ${keys.namePinyin})`;
  const rows: Scored[] = await db
    .select({ row: candidateColumns, byName, byPinyin })
    .from(customer)
    .where(
      on === 'name'
        ? sql`${customer.normalizedName} % ${keys.normalizedName}`
        : // A Chinese name meets other Chinese names by their text (the first search) and only
          // names in another script by pinyin (classify's pre-filter): the small partial index.
          and(sql`${customer.namePinyin} % ${keys.namePinyin}`, isWrittenInHan(keys.normalizedName) ? latinName : undefined),
    )
    .orderBy(sql`${on === 'name' ? byName : byPinyin} desc`)
    .limit(limit);
  return rows.map((r) => ({ ...r, byName: Number(r.byName), byPinyin: Number(r.byPinyin) }));
}

/**
 * The trigram pre-filter for names without a usable trade name: the `limit` customers most similar
 * by the better of the two similarities (normalised name, pinyin key), among those above the
 * threshold — the same rows as one `… where a % $1 or b % $2 order by greatest(…) limit n`, in two
 * index searches that each score only what can still make the list. The best `limit` by the
 * greater similarity are among the best `limit` by each one; and once the first search is full, a
 * row can only enter through its pinyin similarity being at least the lowest name similarity kept,
 * so the second search runs at that threshold instead of the floor. Needs a transaction (the
 * threshold is transaction-local).
 */
export async function findSimilarNamesBestOfTwo(
  tx: Db,
  keys: { normalizedName: string; namePinyin: string },
  threshold: number,
  limit: number,
): Promise<DuplicateCandidate[]> {
  const byName = await mostSimilar(tx, 'name', keys, threshold, limit);
  const scored = new Map(byName.map((s) => [s.row.id, s]));
  if (keys.namePinyin) {
    // float4 in pg_trgm: a hair below, so that a tie with the last kept row is not lost.
    const floor = byName.length === limit ? Math.max(threshold, byName.at(-1)!.byName - 1e-6) : threshold;
    for (const s of await mostSimilar(tx, 'pinyin', keys, floor, limit)) scored.set(s.row.id, s);
  }
  return [...scored.values()]
    .map((s) => ({ row: s.row, best: Math.max(s.byName, s.byPinyin) }))
    .sort((a, b) => b.best - a.best || (a.row.id < b.row.id ? -1 : 1))
    .slice(0, limit)
    .map((s) => s.row);
}
