import type pg from 'pg';
import { createRng, type Rng } from './prng.ts';

/**
 * The follow-up history at the scale of the design: activities (calls, WeCom messages, visits,
 * meetings, notes) over the customers, so that each customer's `last_activity_at` is the time of
 * its latest activity. Each customer's activities come from a generator seeded with its normalised
 * name, so the rows depend on the customer only:
 * - how many: skewed per customer (log-normal weight × grade × status; strategic grid units are
 *   worked on far more than a dormant distributor), the total exactly the wanted count;
 * - when: over a year or more (12 to 22 months) up to the customer's `last_activity_at`, the
 *   latest one exactly at it; on working days between 08:30 and 18:30 Beijing time (a few at
 *   weekends); never before the customer was created when it was created long enough ago;
 * - who: the owner (customers in a pool: a sales rep, their former owner), with one of the
 *   customer's contacts for most calls, messages, visits and meetings;
 * - next follow-up dates on a fifth of the contacts made and on half of the customers' latest ones.
 * Customers without `last_activity_at` get none. Written with multi-row
 * `insert … select from unnest(…)` in chunks, the next chunk made while PostgreSQL writes the
 * previous one; only the columns set here are named, so columns added later with defaults (or
 * nullable) do not matter. Then `last_activity_at` is set from the activities where it differs
 * (normally nowhere: the activities were placed on it).
 */

const SEED = 'crm-bench-activities-v1';
const CHUNK = 25_000;
const DAY = 86_400_000;
const MINUTE = 60_000;
/** Beijing time is UTC+8 all year. */
const BEIJING = 8 * 3_600_000;

export type ActivityGenResult = {
  skipped: boolean;
  activities: number;
  /** Customers that received activities. */
  customers: number;
  /** Customers whose `last_activity_at` had to be set from their activities afterwards. */
  lastActivityFixed: number;
  ms: { plan: number; insert: number; lastActivity: number; vacuumAnalyze: number; total: number };
};

type ActivityType = 'call' | 'visit' | 'meeting' | 'wecom' | 'note';

const TYPES: readonly [ActivityType, number][] = [
  ['call', 0.32],
  ['wecom', 0.22],
  ['visit', 0.18],
  ['meeting', 0.1],
  ['note', 0.18],
];

const CONTENT: Readonly<Record<ActivityType, readonly string[]>> = {
  call: [
    '电话沟通{p}招标进度，对方预计下月发布采购公告。',
    '与采购确认第{n}批{p}到货时间，要求月底前送达。',
    '催收上季度货款{m}万元，对方财务答复本周安排付款。',
    '回访{p}运行情况，采集成功率稳定。',
    '电话了解明年{p}需求计划，预算编制中。',
    '客户来电反映{n}只{p}通信异常，已转技术支持。',
  ],
  wecom: [
    '企业微信发送{p}技术规格书和型式试验报告。',
    '客户询问{p}交货期，已答复四周。',
    '发送对账单，客户确认应收余额{m}万元。',
    '转发中标通知书，提醒客户尽快签订合同。',
    '发送{p}报价单（{n}台），等待客户反馈。',
  ],
  visit: [
    '拜访计量中心，介绍新一代{p}，对方关注HPLC双模通信。',
    '上门处理{p}误差投诉，现场抽检{n}只全部合格。',
    '陪同技术支持现场调试{p}，已完成{n}台安装。',
    '拜访设备部，了解能耗计量改造方案，需提供{p}报价。',
    '拜访物资部，沟通年度框架协议续签事宜。',
  ],
  meeting: [
    '参加{p}招标澄清会，补充资料三日内提交。',
    '项目启动会：确认{n}台{p}分批交付计划。',
    '技术交流会：演示主站系统与{p}联调结果。',
    '参加供应商年度评价会，到货及时率排名靠前。',
  ],
  note: [
    '客户年度预算已批复，预计{p}需求约{n}台。',
    '竞争对手报价低约5%，需申请特价后再次报价。',
    '合同已盖章寄回，等待计划部安排首批{p}发货。',
    '客户提出延长质保期至8年，需商务部评估。',
    '对方采购负责人变更，需重新建立联系。',
  ],
};
const OVERSEAS_CONTENT: Readonly<Record<ActivityType, readonly string[]>> = {
  call: [
    'Call with procurement about the tender schedule; bid opening expected next month.',
    'Reminded the customer of the overdue payment of USD {m}k.',
  ],
  wecom: ['Sent the quotation for {n} prepaid meters with STS certificates.', 'Shared the type test reports of the {p}.'],
  visit: [
    'Visited the utility with the local agent; they asked for a pilot of {n} {p}.',
    'Site visit: {n} meters installed, reading rate above 98%.',
  ],
  meeting: [
    'Factory acceptance test of {n} three-phase meters agreed for next quarter.',
    'Online meeting on the AMI pilot results; site visit requested.',
  ],
  note: ['Tender postponed by the ministry; follow up after the budget approval.', 'Competitor offered 8% lower; we need a special price.'],
};
const PRODUCTS: Readonly<Record<string, readonly string[]>> = {
  电网: ['智能电能表', '三相智能电能表', '集中器', '采集终端', '低压计量箱', 'HPLC通信模块'],
  水务: ['物联网水表', '超声波水表', '远传水表'],
  燃气: ['超声波燃气表', '物联网燃气表'],
  other: ['能耗监测终端', '远程费控电能表', '智能电能表', '采集终端'],
};
const OVERSEAS_PRODUCTS = ['prepaid meters', 'three-phase meters', 'data concentrators', 'smart water meters'];

const GRADE_WEIGHT: Record<string, number> = { A: 3, B: 1.8, C: 1, D: 0.5 };
const STATUS_WEIGHT: Record<string, number> = { active: 1.4, prospect: 1, dormant: 0.4, lost: 0.3 };

type Customer = {
  id: string;
  key: string;
  ownerId: string | null;
  createdAt: number;
  lastActivityAt: number;
  grade: string;
  status: string;
  type: string;
  industry: string;
  hasActivities: boolean;
};

export async function activityCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`select count(*) as n from activity`);
  return Number(rows[0]?.n ?? 0);
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * A time between 08:30 and 18:30 Beijing time on the day of `t`, or, for most weekend days, on a
 * weekday of the week before (Saturday) or after (Sunday); `u1`…`u3` are uniform in [0, 1).
 */
export function workingTime(t: number, u1: number, u2: number, u3: number): number {
  let day = Math.floor((t + BEIJING) / DAY);
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if ((weekday === 6 || weekday === 0) && u1 < 0.85) day += weekday === 6 ? -1 - Math.floor(u2 * 5) : 1 + Math.floor(u2 * 5);
  return day * DAY - BEIJING + (510 + Math.floor(u3 * 600)) * MINUTE;
}

function fill(template: string, c: Customer, rng: Rng): string {
  const products = c.type === 'overseas' ? OVERSEAS_PRODUCTS : (PRODUCTS[c.industry] ?? PRODUCTS.other!);
  return template
    .replace('{p}', rng.pick(products))
    .replace('{n}', String((1 + rng.int(40)) * 50))
    .replace('{m}', String(5 + rng.int(300)));
}

function pickType(rng: Rng): ActivityType {
  let u = rng.next();
  for (const [type, p] of TYPES) {
    if (u < p) return type;
    u -= p;
  }
  return 'note';
}

export async function generateActivities(pool: pg.Pool, opts: { total: number; log: (msg: string) => void }): Promise<ActivityGenResult> {
  const t0 = performance.now();
  const existing = await activityCount(pool);
  const want = Math.max(0, opts.total - existing);
  const reps = (
    await pool.query<{ id: string }>(
      `select u.id from app_user u join user_role ur on ur.user_id = u.id join role r on r.id = ur.role_id
        where r.code = 'sales_rep' and u.is_active order by u.username`,
    )
  ).rows.map((r) => r.id);
  if (reps.length === 0) throw new Error('no sales reps to write the activities');
  // Sorted in JavaScript (by UTF-16 code units), not by the database's collation: the same order everywhere.
  const customers = (
    await pool.query<{
      id: string;
      key: string;
      owner_id: string | null;
      created_at: Date;
      last_activity_at: Date;
      grade: string;
      status: string;
      type: string;
      industry: string | null;
      has: boolean;
    }>(
      `select c.id, c.normalized_name as key, c.owner_id, c.created_at, c.last_activity_at, c.grade, c.status, c.type, c.industry,
              exists (select 1 from activity a where a.customer_id = c.id) as has
         from customer c
        where c.last_activity_at is not null and c.merged_into_id is null`,
    )
  ).rows
    .map((r): Customer => ({
      id: r.id,
      key: `${r.key}\u0000${r.id}`,
      ownerId: r.owner_id,
      createdAt: r.created_at.getTime(),
      lastActivityAt: r.last_activity_at.getTime(),
      grade: r.grade,
      status: r.status,
      type: r.type,
      industry: r.industry ?? 'other',
      hasActivities: r.has,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const contactsOf = new Map<string, string[]>();
  for (const r of (
    await pool.query<{ customer_id: string; ids: string[] }>(
      `select customer_id, array_agg(id order by is_primary desc, created_at, id) as ids from contact group by customer_id`,
    )
  ).rows) {
    contactsOf.set(r.customer_id, r.ids);
  }

  // How many per customer: one at `last_activity_at` for those that have none yet, the rest by
  // weight (largest remainder, so the total is exact).
  // The count already there is part of the seed: topping up an earlier, smaller generation makes new rows (and new ids).
  const rngs = customers.map((c) => createRng(`${SEED}:${existing}:${c.key}`));
  const weights = customers.map(
    (c, i) =>
      Math.exp(0.9 * normal(rngs[i]!)) *
      (GRADE_WEIGHT[c.grade] ?? 1) *
      (STATUS_WEIGHT[c.status] ?? 1) *
      (c.ownerId === null ? 0.5 : 1) *
      (c.type === 'grid' ? 1.5 : 1),
  );
  const counts = new Int32Array(customers.length);
  let needOne = 0;
  customers.forEach((c, i) => {
    if (!c.hasActivities && needOne < want) {
      counts[i] = 1;
      needOne++;
    }
  });
  const extra = want - needOne;
  const sumW = weights.reduce((s, w) => s + w, 0);
  if (extra > 0 && sumW > 0) {
    const remainders: { i: number; r: number }[] = [];
    let given = 0;
    weights.forEach((w, i) => {
      const exact = (w / sumW) * extra;
      const whole = Math.floor(exact);
      counts[i]! += whole;
      given += whole;
      remainders.push({ i, r: exact - whole });
    });
    remainders.sort((a, b) => b.r - a.r || a.i - b.i);
    for (let k = 0; k < extra - given; k++) counts[remainders[k % remainders.length]!.i]! += 1;
  }
  const planMs = performance.now() - t0;

  const client = await pool.connect();
  let inserted = 0;
  let withActivities = 0;
  try {
    await client.query(`set synchronous_commit = off`);
    let pending: Promise<unknown> = Promise.resolve();
    const tInsert = performance.now();
    let cols: unknown[][] = Array.from({ length: 12 }, () => []);
    let rowsInChunk = 0;
    let nextLog = 200_000;
    const flush = async () => {
      const chunk = cols;
      cols = Array.from({ length: 12 }, () => []);
      rowsInChunk = 0;
      await pending;
      pending = client.query(
        `insert into activity (id, customer_id, type, content, occurred_at, contact_id, next_follow_up_at, author_id, created_at,
                               created_by, updated_by, updated_at)
         select a.*, a.author_id, a.author_id, a.created_at
           from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[], $7::timestamptz[],
                       $8::uuid[], $9::timestamptz[])
             as a(id, customer_id, type, content, occurred_at, contact_id, next_follow_up_at, author_id, created_at)`,
        chunk.slice(0, 9),
      );
    };
    for (const [i, c] of customers.entries()) {
      const n = counts[i]!;
      if (n === 0) continue;
      withActivities++;
      const rng = rngs[i]!;
      const contacts = contactsOf.get(c.id) ?? [];
      const author = c.ownerId ?? reps[rng.int(reps.length)]!;
      const last = c.lastActivityAt;
      const span = (365 + rng.int(300)) * DAY;
      let from = Math.max(c.createdAt, last - span);
      // Customers created shortly before their last contact: the history started before the record (an import).
      if (last - from < 30 * DAY) from = last - 30 * DAY;
      const times: number[] = [];
      const forceLast = !c.hasActivities;
      for (let k = 0; k < n; k++) {
        if (forceLast && k === 0) {
          times.push(last);
          continue;
        }
        let t = workingTime(from + rng.next() * (last - from), rng.next(), rng.next(), rng.next());
        if (t >= last) t = last - (1 + rng.int(240)) * MINUTE;
        times.push(t);
      }
      times.sort((a, b) => a - b);
      const open = c.status === 'active' || c.status === 'prospect';
      for (const [k, t] of times.entries()) {
        const type = pickType(rng);
        const templates = c.type === 'overseas' ? OVERSEAS_CONTENT[type] : CONTENT[type];
        const latest = k === times.length - 1;
        const withContact = type !== 'note' && contacts.length > 0 && rng.next() < 0.75;
        const contactId = withContact ? (rng.next() < 0.5 ? contacts[0]! : contacts[rng.int(contacts.length)]!) : null;
        const followUp = type !== 'note' && (latest ? open && rng.next() < 0.5 : rng.next() < 0.2);
        const nextFollowUp = followUp
          ? new Date((Math.floor((t + BEIJING) / DAY) + 2 + rng.int(28)) * DAY - BEIJING + 10 * 3_600_000)
          : null;
        const values = [
          rng.uuid(),
          c.id,
          type,
          fill(rng.pick(templates), c, rng),
          new Date(t),
          contactId,
          nextFollowUp,
          author,
          new Date(t + (5 + rng.int(180)) * MINUTE),
        ];
        for (let v = 0; v < values.length; v++) cols[v]!.push(values[v]);
        rowsInChunk++;
      }
      inserted += n;
      if (rowsInChunk >= CHUNK) await flush();
      if (inserted >= nextLog) {
        opts.log(
          `  activities ${inserted.toLocaleString('en-US')} / ${want.toLocaleString('en-US')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
        nextLog += 200_000;
      }
    }
    if (rowsInChunk > 0) await flush();
    await pending;
    const insertMs = performance.now() - tInsert;

    // last_activity_at = the latest activity, for every customer (nothing to do when the activities were placed on it).
    const tl = performance.now();
    const fixed = await client.query(
      `update customer c set last_activity_at = m.last
         from (select customer_id, max(occurred_at) as last from activity where customer_id is not null group by customer_id) m
        where c.id = m.customer_id and c.last_activity_at is distinct from m.last`,
    );
    const cleared = await client.query(
      `update customer c set last_activity_at = null
        where c.last_activity_at is not null and not exists (select 1 from activity a where a.customer_id = c.id)`,
    );
    const lastActivityFixed = (fixed.rowCount ?? 0) + (cleared.rowCount ?? 0);
    const tv = performance.now();
    await client.query(lastActivityFixed > 0 ? `vacuum (analyze) activity, customer` : `vacuum (analyze) activity`);
    const end = performance.now();
    return {
      skipped: false,
      activities: inserted,
      customers: withActivities,
      lastActivityFixed,
      ms: { plan: planMs, insert: insertMs, lastActivity: tv - tl, vacuumAnalyze: end - tv, total: end - t0 },
    };
  } finally {
    await client.query('discard all').catch(() => undefined);
    client.release();
  }
}
