import type { TPaymentTerm, TQuoteListItem, TQuoteListQuery, TPage } from '@crm/contracts';
import { count } from 'drizzle-orm';
import { writeAudit } from '../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../kernel/auth/actor.ts';
import { addDays, businessDate, startOfBusinessDay, type Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { nextNumber } from '../../kernel/numbering/numbering.ts';
import { priceLines, type ContractCatalog } from './contract-lines.ts';
import type { ContractSettingsService } from './contract-settings.service.ts';
import * as repo from './contracts.repository.ts';
import { contract } from './contracts.schema.ts';
import type { ContractQuoteSource } from './contract-ports.ts';
import type { ContractService } from './contracts.service.ts';

const MAX_CONTRACTS = 150;

/** Terms the demo customers usually sign: prepayment, per-shipment, acceptance and retention. */
const TERMS: TPaymentTerm[][] = [
  [
    { trigger: 'signing', percent: '30', days: 10 },
    { trigger: 'shipment', percent: '60', days: 30 },
    { trigger: 'warranty_end', percent: '10', days: 0 },
  ],
  [
    { trigger: 'signing', percent: '10', days: 15 },
    { trigger: 'acceptance', percent: '80', days: 60 },
    { trigger: 'warranty_end', percent: '10', days: 0 },
  ],
  [
    { trigger: 'shipment', percent: '90', days: 90, label: '到货款' },
    { trigger: 'warranty_end', percent: '10', days: 0 },
  ],
];

/**
 * Demo contracts from the accepted demo quotes: older ones completed or executing, recent ones
 * signed, approved or still drafts, each with its automatic review. Does nothing when demo data
 * is off or contracts exist. Answers how many it made.
 */
export async function seedDemoContracts(deps: {
  db: Db;
  clock: Clock;
  demo: boolean;
  catalog: ContractCatalog;
  quotes: ContractQuoteSource & { list(actor: Actor, query: TQuoteListQuery): Promise<TPage<TQuoteListItem>> };
  contracts: Pick<ContractService, 'reviewVersion'>;
  settings: Pick<ContractSettingsService, 'current'>;
  customerNames: (db: Db, ids: readonly string[]) => Promise<Map<string, string>>;
}): Promise<number> {
  if (!deps.demo) return 0;
  const [existing] = await deps.db.select({ n: count() }).from(contract);
  if (Number(existing?.n ?? 0) > 0) return 0;
  const system = asSystem('seed');
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.quotes.list(system, { status: ['accepted'], limit: 200, cursor, sort: 'createdAt' } as TQuoteListQuery);
    ids.push(...page.items.map((q) => q.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length < MAX_CONTRACTS);
  if (ids.length === 0) return 0;
  const settings = await deps.settings.current();
  const today = deps.clock.today();
  const tz = deps.clock.timezone;

  await withTx(deps.db, async (tx) => {
    for (const [i, quoteId] of ids.slice(0, MAX_CONTRACTS).entries()) {
      const q = await deps.quotes.getAccepted(tx, quoteId);
      if (!q) continue;
      const accepted = businessDate(q.acceptedAt, tz);
      const age = Math.round((Date.parse(today) - Date.parse(accepted)) / 86_400_000);
      const status: repo.ContractStatus =
        age > 120
          ? i % 2 === 0
            ? 'completed'
            : 'executing'
          : age > 30
            ? i % 3 === 0
              ? 'signed'
              : 'executing'
            : i % 4 === 0
              ? 'draft'
              : i % 4 === 1
                ? 'approved'
                : 'signed';
      const madeOn = addDays(accepted, 1);
      const signedDate = status === 'draft' || status === 'approved' ? null : addDays(accepted, 5) > today ? today : addDays(accepted, 5);
      const at = new Date(startOfBusinessDay(madeOn, tz).getTime() + 9 * 3600_000);
      const priced = await priceLines(
        tx,
        deps.catalog,
        q.lines.map((l) => ({
          productId: l.productId,
          name: l.name,
          spec: l.spec,
          unit: l.unit,
          qty: l.qty,
          unitPrice: l.netUnitPrice,
          taxRate: l.taxRate,
          wantedDeliveryDate: addDays(accepted, 60),
        })),
      );
      const number =
        status === 'draft' ? null : await nextNumber(tx, { key: 'contract', pattern: settings.numberPattern, at, timezone: tz });
      const customerName = (await deps.customerNames(tx, [q.customerId])).get(q.customerId) ?? null;
      const c = await repo.insertContract(tx, {
        number,
        title: `${customerName ?? q.number} 供货合同`,
        type: 'standard',
        status,
        customerId: q.customerId,
        customerName,
        opportunityId: q.opportunityId,
        opportunityName: q.opportunityName,
        quoteId: q.quoteId,
        quoteVersionId: q.versionId,
        ownerId: q.ownerId,
        departmentId: q.departmentId,
        currency: q.currency,
        signedDate,
        createdAt: at,
        updatedAt: at,
        createdBy: q.ownerId,
        updatedBy: q.ownerId,
      });
      const v = await repo.insertVersion(tx, {
        contractId: c.id,
        versionNo: 1,
        kind: 'original',
        status: status === 'draft' ? 'draft' : 'effective',
        paymentTerms: TERMS[i % TERMS.length]!,
        deliveryTerms: { place: '客户指定仓库' },
        warrantyMonths: 24,
        latePenalty: { ratePercentPerDay: '0.05', capPercent: '5' },
        ...priced.totals,
        effectiveAt: status === 'draft' ? null : at,
        createdAt: at,
        createdBy: q.ownerId,
        updatedAt: at,
      });
      const lines = await repo.replaceLines(
        tx,
        v.id,
        priced.lines.map((l) => ({ ...l, versionId: v.id, contractId: c.id })),
      );
      const review = await deps.contracts.reviewVersion(tx, c, v, lines);
      await repo.updateVersion(tx, v.id, { review });
      await repo.updateContract(tx, c.id, c.version, {
        workingVersionId: status === 'draft' ? v.id : null,
        effectiveVersionId: status === 'draft' ? null : v.id,
        amountInclTax: v.amountInclTax,
        reviewLevel: review.level,
        submittedAt: status === 'draft' ? null : at,
        approvedAt: status === 'draft' ? null : at,
        executingAt: status === 'executing' || status === 'completed' ? at : null,
        completedAt: status === 'completed' ? at : null,
      });
    }
    await writeAudit(tx, system, { action: 'contract.seed', entityType: 'contract', meta: { count: Math.min(ids.length, MAX_CONTRACTS) } });
  });
  return Math.min(ids.length, MAX_CONTRACTS);
}
