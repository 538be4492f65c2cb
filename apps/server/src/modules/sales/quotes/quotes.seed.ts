import type { TOpportunityListQuery, TOpportunitySummary, TPage, TProduct, TProductListQuery, TQuoteLineInput } from '@crm/contracts';
import { count } from 'drizzle-orm';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../../kernel/auth/actor.ts';
import { addDays, startOfBusinessDay, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { toMoneyString } from '../../../kernel/money.ts';
import { nextNumber } from '../../../kernel/numbering/numbering.ts';
import { priceQuote, type PricedQuote, type QuoteCatalog } from './quote-pricing.ts';
import type { QuoteSettingsService } from './quote-settings.service.ts';
import * as repo from './quotes.repository.ts';
import { quote } from './quotes.schema.ts';
import type { QuoteService } from './quotes.service.ts';

/** At most this many demo quotes (one per opportunity from the proposal stage on, and some earlier ones). */
const MAX_QUOTES = 400;

/** A small deterministic generator, so that every demo database looks the same. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LATER_STAGES = new Set(['proposal', 'tender', 'negotiation', 'won', 'lost']);

type Plan = { status: repo.QuoteStatus; versions: number; discount: 'normal' | 'beyond' };

/** The status a demo quote of an opportunity in this stage is in (and whether it went through a second version). */
function planFor(o: TOpportunitySummary, r: () => number): Plan {
  const roll = r();
  const versions = roll < 0.25 ? 2 : 1;
  const beyond = r() < 0.2;
  switch (o.stageKind === 'won' ? 'won' : o.stageKind === 'lost' ? 'lost' : o.stageCode) {
    case 'won':
      return { status: 'accepted', versions, discount: beyond ? 'beyond' : 'normal' };
    case 'lost':
      return { status: roll < 0.6 ? 'rejected' : 'expired', versions, discount: 'normal' };
    case 'negotiation':
      return { status: roll < 0.7 ? 'sent' : 'approved', versions, discount: beyond ? 'beyond' : 'normal' };
    case 'tender':
      return { status: roll < 0.5 ? 'sent' : roll < 0.8 ? 'approved' : 'needs_approval', versions, discount: beyond ? 'beyond' : 'normal' };
    default:
      return { status: beyond ? 'needs_approval' : roll < 0.5 ? 'draft' : 'approved', versions: 1, discount: beyond ? 'beyond' : 'normal' };
  }
}

/**
 * Demo quotes on the demo opportunities, after the opportunity and product seeds: priced from the
 * price lists by the quote rules, in every status, some with an older superseded version. Does
 * nothing when demo data is off or quotes exist.
 */
export async function seedDemoQuotes(deps: {
  db: Db;
  clock: Clock;
  demo: boolean;
  catalog: QuoteCatalog;
  opportunities: { list(actor: Actor, query: TOpportunityListQuery): Promise<TPage<TOpportunitySummary>> };
  products: { list(actor: Actor, query: TProductListQuery): Promise<TPage<TProduct>> };
  quotes: Pick<QuoteService, 'pricingContext'>;
  settings: Pick<QuoteSettingsService, 'current'>;
}): Promise<void> {
  if (!deps.demo) return;
  const [existing] = await deps.db.select({ n: count() }).from(quote);
  if (Number(existing?.n ?? 0) > 0) return;
  const system = asSystem('seed');
  const products = (await deps.products.list(system, { limit: 200, sort: 'materialCode' } as TProductListQuery)).items.filter(
    (p) => p.status === 'active',
  );
  if (products.length === 0) return;
  const chosen: TOpportunitySummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.opportunities.list(system, { limit: 200, cursor, sort: 'createdAt' } as TOpportunityListQuery);
    for (const o of page.items) if (LATER_STAGES.has(o.stageCode) || o.stageKind !== 'open') chosen.push(o);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && chosen.length < MAX_QUOTES);
  if (chosen.length === 0) return;
  const settings = await deps.settings.current();
  const r = random(20261102);
  const today = deps.clock.today();

  type Draft = { o: TOpportunitySummary; plan: Plan; created: string; versions: PricedQuote[] };
  const drafts: Draft[] = [];
  for (const o of chosen.slice(0, MAX_QUOTES)) {
    const plan = planFor(o, r);
    const ctx = await deps.quotes.pricingContext(o.ownerId, o.customerId, 'zh-CN');
    const lineCount = 1 + Math.floor(r() * 4);
    const lines: TQuoteLineInput[] = Array.from({ length: lineCount }, () => {
      const p = products[Math.floor(r() * products.length)]!;
      // Meters and terminals go by the hundred; cabinets and systems by the piece.
      const price = Number(p.listPrice);
      const qty = price < 2000 ? 50 * (1 + Math.floor(r() * 40)) : price < 20000 ? 1 + Math.floor(r() * 60) : 1 + Math.floor(r() * 12);
      const discount = plan.discount === 'beyond' && r() < 0.6 ? 12 + Math.floor(r() * 8) : Math.floor(r() * 8);
      return { productId: p.id, qty: String(qty), discountPercent: String(discount) };
    });
    if (r() < 0.15)
      lines.push({
        name: '现场安装调试服务',
        unit: '项',
        qty: '1',
        unitPrice: String(5000 + Math.floor(r() * 20) * 1000),
        taxRate: '0.06',
      });
    const overall = plan.discount === 'beyond' && !lines.some((l) => Number(l.discountPercent ?? 0) > 10) ? '15' : r() < 0.3 ? '2' : '0';
    // Quotes still open were made within their validity; answered and lapsed ones over the last months.
    const open = repo.OPEN_STATUSES.includes(plan.status);
    const created = addDays(today, open ? -(1 + Math.floor(r() * Math.max(1, settings.validityDays - 5))) : -(3 + Math.floor(r() * 150)));
    const versions: PricedQuote[] = [];
    // An earlier version had a higher price: the second one came after the customer asked for less.
    if (plan.versions === 2) {
      versions.push(
        await priceQuote(
          deps.db,
          deps.catalog,
          { ...ctx, date: created },
          {
            lines: lines.map((l) => ({ ...l, discountPercent: String(Math.max(0, Number(l.discountPercent ?? 0) - 3)) })),
            overallDiscountPercent: '0',
          },
        ),
      );
    }
    versions.push(await priceQuote(deps.db, deps.catalog, { ...ctx, date: created }, { lines, overallDiscountPercent: overall }));
    drafts.push({ o, plan, created, versions });
  }

  await withTx(deps.db, async (tx) => {
    for (const d of drafts) {
      const at = new Date(startOfBusinessDay(d.created, deps.clock.timezone).getTime() + 10 * 3600_000);
      const validUntil = addDays(d.created, settings.validityDays);
      const last = d.versions.at(-1)!;
      // Open quotes past their validity are expired, as the nightly job would have made them.
      let status = d.plan.status;
      if (last.requiresApproval && (status === 'draft' || status === 'approved'))
        status = status === 'draft' ? 'needs_approval' : 'approved';
      if (!last.requiresApproval && status === 'needs_approval') status = 'draft';
      if (repo.OPEN_STATUSES.includes(status) && validUntil < today) status = 'expired';
      const number = await nextNumber(tx, { key: 'quote', pattern: settings.numberPattern, at, timezone: deps.clock.timezone });
      const head = await repo.insertQuote(tx, {
        number,
        title: d.o.name,
        opportunityId: d.o.id,
        opportunityName: d.o.name,
        customerId: d.o.customerId,
        customerName: d.o.customerName,
        ownerId: d.o.ownerId,
        departmentId: d.o.departmentId,
        currency: d.o.currency,
        status,
        validUntil,
        totalInclTax: toMoneyString(last.totals.totalInclTax),
        requiresApproval: last.requiresApproval,
        currentVersionNo: d.versions.length,
        createdAt: at,
        updatedAt: at,
        createdBy: d.o.ownerId,
        updatedBy: d.o.ownerId,
      });
      let currentId = '';
      for (const [i, priced] of d.versions.entries()) {
        const isLast = i === d.versions.length - 1;
        const vStatus = isLast ? status : 'superseded';
        const decided = isLast && (vStatus === 'approved' || vStatus === 'sent' || vStatus === 'accepted') && priced.requiresApproval;
        const v = await repo.insertVersion(tx, {
          quoteId: head.id,
          versionNo: i + 1,
          status: vStatus,
          validUntil,
          currency: d.o.currency,
          priceDate: d.created,
          overallDiscountPercent: priced.overallDiscountPercent,
          referenceAmount: toMoneyString(priced.totals.referenceAmount),
          subtotal: toMoneyString(priced.totals.subtotal),
          overallDiscountAmount: toMoneyString(priced.totals.overallDiscountAmount),
          totalExclTax: toMoneyString(priced.totals.totalExclTax),
          totalTax: toMoneyString(priced.totals.totalTax),
          totalInclTax: toMoneyString(priced.totals.totalInclTax),
          limitPercent: priced.limitPercent,
          requiresApproval: priced.requiresApproval,
          approvalReasons: priced.reasons,
          decision: decided
            ? { outcome: 'approved', byId: null, byName: '销售经理', at: at.toISOString(), comment: null, channel: 'manual' }
            : null,
          paymentTerms: '合同签订后预付 30%，发货后 30 天内付 60%，质保金 10% 质保期满后支付',
          deliveryTerms: '合同签订后 30 天内交货，运费由供方承担',
          submittedAt: vStatus === 'draft' ? null : at,
          sentAt: ['sent', 'accepted', 'rejected'].includes(vStatus) ? at : null,
          acceptedAt: vStatus === 'accepted' ? at : null,
          rejectedAt: vStatus === 'rejected' ? at : null,
          rejectReason: vStatus === 'rejected' ? '客户选择了其他供应商' : null,
          createdAt: at,
          createdBy: d.o.ownerId,
          updatedAt: at,
          updatedBy: d.o.ownerId,
        });
        await repo.insertLines(
          tx,
          priced.lines.map((l) => ({ ...l, versionId: v.id })),
        );
        currentId = v.id;
      }
      await repo.updateQuote(tx, head.id, head.version, {
        currentVersionId: currentId,
        ...(status === 'accepted' ? { acceptedVersionId: currentId, acceptedAt: at } : {}),
      });
    }
    await writeAudit(tx, system, { action: 'seed.demo_quotes', meta: { quotes: drafts.length } });
  });
}
