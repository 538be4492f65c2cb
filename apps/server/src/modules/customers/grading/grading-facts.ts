import type { Db } from '../../../kernel/db/database.ts';
import { sumMoney, toMoneyString } from '../../../kernel/money.ts';
import type { CustomerExtension } from '../customer-extensions.ts';

export type CustomerGradeFacts = { signedAmount: string; overdueDays: number | null };

/**
 * What the modules that own contracts and receivables say about these customers, asked once per
 * module for the whole batch: the signed amounts are added up over the modules, the overdue days
 * are the worst any module reports. A customer nobody reports on has signed nothing and owes nothing.
 */
export async function collectGradeFacts(
  tx: Db,
  extensions: readonly CustomerExtension[],
  customerIds: readonly string[],
  at: { since: Date; today: string },
): Promise<Map<string, CustomerGradeFacts>> {
  const ids = [...customerIds];
  const signed = new Map<string, string[]>();
  const overdue = new Map<string, number>();
  for (const extension of extensions) {
    const facts = extension.facts;
    if (facts?.signedAmountSince) {
      for (const [id, amount] of await facts.signedAmountSince(tx, ids, at.since)) {
        const amounts = signed.get(id) ?? [];
        amounts.push(amount);
        signed.set(id, amounts);
      }
    }
    if (facts?.maxOverdueDays) {
      for (const [id, days] of await facts.maxOverdueDays(tx, ids, at.today)) {
        overdue.set(id, Math.max(days, overdue.get(id) ?? days));
      }
    }
  }
  return new Map(
    ids.map((id) => [id, { signedAmount: toMoneyString(sumMoney(signed.get(id) ?? [])), overdueDays: overdue.get(id) ?? null }]),
  );
}
