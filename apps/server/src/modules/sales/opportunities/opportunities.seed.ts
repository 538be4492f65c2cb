import { ZCustomerListQuery, ZLostReasonValues, ZWonReasonValues } from '@crm/contracts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem } from '../../../kernel/auth/actor.ts';
import { addDays, businessDate, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import type { FileService } from '../../../kernel/files/files.service.ts';
import type { CustomerService } from '../../customers/index.ts';
import type { CompetitorValue } from './opportunities.schema.ts';
import * as repo from './opportunities.repository.ts';
import { loadStages } from './pipeline.service.ts';
import type { StageDef } from './stage-rules.ts';

/** Opportunities per demo customer, and at most this many in all. */
const PER_CUSTOMER = 1.5;
const MAX_OPPORTUNITIES = 3000;
const DAY = 86_400_000;

/** mulberry32: a small, fast, seeded PRNG, so that every demo database gets the same opportunities. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const PRODUCTS = [
  '智能电能表',
  '三相智能电能表',
  '用电信息采集终端',
  '集中器',
  '配电自动化终端',
  '电能质量监测装置',
  '充电桩',
  '环网柜',
  '低压开关柜',
  '智能融合终端',
];
const COMPETITORS: readonly CompetitorValue[] = [
  { name: '威胜集团', strengths: '电网客户关系深，交付快', weaknesses: '价格偏高', quotedPrice: null },
  { name: '林洋能源', strengths: '价格有竞争力', weaknesses: '售后网点少', quotedPrice: null },
  { name: '海兴电力', strengths: '海外项目经验多', weaknesses: '国内渠道弱', quotedPrice: null },
  { name: '炬华科技', strengths: '采集终端技术成熟', weaknesses: '产能有限', quotedPrice: null },
  { name: '许继电气', strengths: '配网产品线全', weaknesses: '响应慢', quotedPrice: null },
];
const SOURCES = ['tender_notice', 'existing_customer', 'referral', 'exhibition', 'website', 'lead'];

/** A one-page PDF standing for the demo bid-award notices (中标通知书). */
function awardNoticePdf(): Buffer {
  const text = 'Bid award notice (demo)';
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

type DemoCustomer = { id: string; name: string; shortName: string | null; type: string; ownerId: string; departmentId: string };

async function demoCustomers(customers: Pick<CustomerService, 'list'>): Promise<DemoCustomer[]> {
  const actor = asSystem('seed');
  const out: DemoCustomer[] = [];
  let cursor: string | undefined;
  do {
    const page = await customers.list(actor, ZCustomerListQuery.parse({ limit: 200, inPool: 'false', sort: 'createdAt', cursor }));
    for (const c of page.items) {
      if (c.ownerId && c.departmentId)
        out.push({ id: c.id, name: c.name, shortName: c.shortName, type: c.type, ownerId: c.ownerId, departmentId: c.departmentId });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * Demo opportunities over the demo customers and their reps: a year of them across every stage,
 * with their stage history, tenders with tender info (won tenders with an award notice), won ones
 * spread over the months so that performance has data. Only on a demo database, only once.
 */
export async function seedDemoOpportunities(deps: {
  db: Db;
  clock: Clock;
  demo: boolean;
  customers: Pick<CustomerService, 'list'>;
  files: Pick<FileService, 'upload'>;
}): Promise<void> {
  if (!deps.demo) return;
  if ((await repo.countOpportunities(deps.db)) > 0) return;
  const customers = await demoCustomers(deps.customers);
  if (customers.length === 0) return;
  const notice = await deps.files.upload(asSystem('seed'), { name: '中标通知书（示例）.pdf', content: awardNoticePdf() });
  const tz = deps.clock.timezone;
  await withTx(deps.db, async (tx) => {
    await repo.lockForSeed(tx);
    if ((await repo.countOpportunities(tx)) > 0) return;
    const stages = await loadStages(tx);
    const open = stages.filter((s) => s.kind === 'open');
    const won = stages.find((s) => s.kind === 'won')!;
    const lost = stages.find((s) => s.kind === 'lost')!;
    const rng = prng(20261102);
    const now = deps.clock.now();
    const today = deps.clock.today();
    const count = Math.min(MAX_OPPORTUNITIES, Math.round(customers.length * PER_CUSTOMER));
    const rows: repo.NewOpportunityRow[] = [];
    const changes: Parameters<typeof repo.insertStageChanges>[1] = [];

    for (let i = 0; i < count; i++) {
      const customer = customers[i % customers.length]!;
      const id = crypto.randomUUID();
      const isTender = customer.type === 'grid' ? rng.chance(0.7) : rng.chance(0.15);
      const big = customer.type === 'grid' || customer.type === 'overseas';
      const amount = (Math.round(((big ? 200_000 : 30_000) + rng.next() * (big ? 4_800_000 : 970_000)) / 100) * 100).toFixed(2);
      const createdAt = new Date(now.getTime() - (20 + rng.int(345)) * DAY - rng.int(DAY));
      const outcome = rng.next();
      const final: StageDef = outcome < 0.42 ? rng.pick(open) : outcome < 0.75 ? won : lost;
      // The path: open stages in order up to the final one (tender stages for tenders only).
      const path = open.filter(
        (s) =>
          (final.kind === 'open' ? s.position <= final.position : true) &&
          (!s.isRequiredForTender || isTender || s.isRequired) &&
          !(s.requiresTenderInfo && !isTender),
      );
      const lostAt = final.kind === 'lost' ? 1 + rng.int(Math.max(1, path.length - 1)) : path.length;
      const steps = [...path.slice(0, final.kind === 'lost' ? lostAt : path.length), ...(final.kind === 'open' ? [] : [final])];
      const end =
        final.kind === 'open'
          ? now.getTime() - rng.int(10) * DAY
          : Math.min(now.getTime() - DAY, createdAt.getTime() + (30 + rng.int(200)) * DAY);
      const span = Math.max(steps.length, 1);
      const times = steps.map((_, k) => new Date(createdAt.getTime() + Math.floor(((end - createdAt.getTime()) * k) / span)));
      if (final.kind !== 'open') times[times.length - 1] = new Date(end);
      let from: string | null = null;
      steps.forEach((s, k) => {
        changes.push({
          opportunityId: id,
          fromStageId: from,
          toStageId: s.id,
          at: times[k]!,
          byId: customer.ownerId,
          amount,
          probability: s.probability,
          reasonCode: s.kind === 'won' ? rng.pick(ZWonReasonValues) : s.kind === 'lost' ? rng.pick(ZLostReasonValues) : null,
          reason: s.kind === 'lost' ? '客户选择了价格更低的供应商' : null,
        });
        from = s.id;
      });
      const last = steps.at(-1)!;
      const closedAt = final.kind === 'open' ? null : times.at(-1)!;
      const expected =
        final.kind === 'open' ? addDays(today, rng.chance(0.1) ? -rng.int(20) - 1 : 5 + rng.int(200)) : businessDate(closedAt!, tz);
      const product = rng.pick(PRODUCTS);
      const short = customer.shortName ?? customer.name.slice(0, 8);
      const year = businessDate(createdAt, tz).slice(0, 4);
      const competitors = rng.chance(0.6)
        ? [COMPETITORS[i % COMPETITORS.length]!, ...(rng.chance(0.4) ? [COMPETITORS[(i + 2) % COMPETITORS.length]!] : [])]
        : [];
      rows.push({
        id,
        name: isTender ? `${short} ${year}年${product}招标（第${1 + rng.int(4)}批）` : `${short} ${product}项目`,
        customerId: customer.id,
        ownerId: customer.ownerId,
        departmentId: customer.departmentId,
        amount,
        // One currency throughout, so that the demo's board and forecast totals (nominal sums) add up.
        currency: 'CNY',
        expectedCloseDate: expected,
        stageId: last.id,
        stageKind: last.kind,
        stageEnteredAt: times.at(-1)!,
        probability: last.probability,
        probabilityOverridden: false,
        source: isTender ? 'tender_notice' : rng.pick(SOURCES),
        isTender,
        tenderNumber: isTender ? `ZB${year}-${String(10000 + i).slice(1)}` : null,
        bidOpeningDate: isTender ? addDays(businessDate(times[Math.min(2, times.length - 1)]!, tz), 15) : null,
        bidBondAmount: isTender ? (Math.round((Number(amount) * 0.02) / 100) * 100).toFixed(2) : null,
        bidBondReturned: isTender && final.kind !== 'open' && rng.chance(0.7),
        tenderResult: isTender ? (final.kind === 'won' ? 'won' : final.kind === 'lost' ? 'lost' : 'pending') : 'pending',
        awardNoticeFileId: isTender && final.kind === 'won' ? notice.id : null,
        awardNoticeName: isTender && final.kind === 'won' ? notice.name : null,
        competitors: competitors.map((c) => ({ ...c, quotedPrice: (Number(amount) * (0.9 + rng.next() * 0.2)).toFixed(2) })),
        description: null,
        closedAt,
        wonDate: final.kind === 'won' ? businessDate(closedAt!, tz) : null,
        closeReasonCode: changes.at(-1)!.reasonCode ?? null,
        closeReason: changes.at(-1)!.reason ?? null,
        createdAt,
        updatedAt: times.at(-1)!,
        createdBy: customer.ownerId,
        updatedBy: customer.ownerId,
      });
    }
    for (let i = 0; i < rows.length; i += 500) await repo.insertOpportunities(tx, rows.slice(i, i + 500));
    for (let i = 0; i < changes.length; i += 1000) await repo.insertStageChanges(tx, changes.slice(i, i + 1000));
    await writeAudit(tx, asSystem('seed'), {
      action: 'opportunity.seed',
      meta: { opportunities: rows.length, stageChanges: changes.length, at: now.toISOString() },
    });
  });
}
