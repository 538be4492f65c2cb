import type { TDuplicateCheckRequest, TDuplicateCheckResult, TDuplicateMatch } from '@crm/contracts';
import { scopeFilter } from '../../kernel/access/access.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import type { People } from '../admin/index.ts';
import * as repo from './customers.repository.ts';
import { corePinyinPatterns } from './duplicate/candidate-keys.ts';
import { findByCorePinyin, findSimilarNamesBestOfTwo, type DuplicateCandidate } from './duplicate/duplicate-candidates.repository.ts';
import { classify, duplicateSearchKeys, nameSimilarity, PREFILTER_THRESHOLD } from './duplicate/similarity.ts';

/** Candidates scored per check, the most similar first (the pre-filter threshold is the scorer's own). */
const CANDIDATES = 300;

export const digitsOf = (phone: string) => phone.replace(/\D/g, '');

const RANK: Record<TDuplicateMatch['reason'], number> = {
  credit_code: 0,
  same_name: 1,
  similar_name: 2,
  contact_phone: 3,
  contact_email: 4,
};

/**
 * 客户查重: the same credit code or the same normalised name blocks; a similar name or a contact
 * with the same mobile or e-mail warns. It searches every customer, whatever the caller's scope,
 * and says of the records outside it only their name and owner.
 */
export function createDuplicateCheckService(deps: { db: Db; people: Pick<People, 'summaries'> }) {
  return {
    async check(actor: Actor, input: TDuplicateCheckRequest): Promise<TDuplicateCheckResult> {
      const keys = duplicateSearchKeys(input.name);
      const normalized = keys.normalizedName;
      const found = new Map<string, { row: DuplicateCandidate; reason: TDuplicateMatch['reason']; score: number }>();
      const add = (row: DuplicateCandidate, reason: TDuplicateMatch['reason'], score: number) => {
        // A merged customer is no candidate: its survivor is.
        if (row.id === input.excludeId || row.mergedIntoId) return;
        const existing = found.get(row.id);
        if (!existing || RANK[reason] < RANK[existing.reason]) found.set(row.id, { row, reason, score });
      };
      const mobileDigits = (input.phones ?? []).map(digitsOf).filter((d) => d.length >= 5);
      const emails = (input.emails ?? []).map((e) => e.toLowerCase()).filter(Boolean);
      // A trade name narrows the search to the names that can carry it (candidate-keys.ts); other
      // names go through the trigram pre-filter, which needs a transaction-local pg_trgm threshold.
      const patterns = normalized ? corePinyinPatterns(input.name) : null;
      // One after the other: on the embedded database they share one connection.
      const byCode = input.creditCode ? await repo.findByCreditCode(deps.db, input.creditCode) : [];
      const byName = normalized ? await repo.findByNormalizedName(deps.db, normalized) : [];
      const similar = !normalized
        ? []
        : patterns
          ? await findByCorePinyin(deps.db, patterns, keys, PREFILTER_THRESHOLD, CANDIDATES)
          : await withTx(deps.db, (tx) => findSimilarNamesBestOfTwo(tx, keys, PREFILTER_THRESHOLD, CANDIDATES));
      const byContact = await repo.findByContactPoints(deps.db, { mobileDigits, emails });
      for (const row of byCode) add(row, 'credit_code', 1);
      for (const row of byName) add(row, 'same_name', 1);
      for (const row of similar) {
        if (found.has(row.id)) continue;
        const verdict = classify(input.name, row.name);
        if (verdict === 'block') add(row, 'same_name', 1);
        else if (verdict === 'warn') add(row, 'similar_name', Math.round(nameSimilarity(input.name, row.name).score * 100) / 100);
      }
      for (const hit of byContact) {
        add(hit.customer, hit.mobileDigits && mobileDigits.includes(hit.mobileDigits) ? 'contact_phone' : 'contact_email', 1);
      }
      const hits = [...found.values()].sort((a, b) => RANK[a.reason] - RANK[b.reason] || b.score - a.score).slice(0, 20);
      const ids = hits.map((h) => h.row.id);
      const [visible, owners] = await Promise.all([
        repo.visibleIds(deps.db, ids, scopeFilter(actor, repo.customerScopeColumns)),
        deps.people.summaries(hits.map((h) => h.row.ownerId)),
      ]);
      const matches: TDuplicateMatch[] = hits.map((h) => ({
        customerId: visible.has(h.row.id) ? h.row.id : null,
        name: h.row.name,
        ownerName: h.row.ownerId ? (owners.get(h.row.ownerId)?.displayName ?? null) : null,
        reason: h.reason,
        score: h.score,
        visible: visible.has(h.row.id),
      }));
      const verdict = matches.some((m) => m.reason === 'credit_code' || m.reason === 'same_name')
        ? 'block'
        : matches.length > 0
          ? 'warn'
          : 'none';
      return { verdict, matches };
    },
  };
}
export type DuplicateCheckService = ReturnType<typeof createDuplicateCheckService>;
