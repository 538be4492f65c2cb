import type pg from 'pg';
import { workingTime } from './activity-data.ts';
import { duplicateSearchKeys } from '../../apps/server/src/modules/customers/duplicate/similarity.ts';
import { pinyinInitials } from '../../apps/server/src/modules/customers/search-keys.ts';
import { companyCustomer, gridCustomers, type GeneratedCustomer } from './customer-names.ts';
import { AUDIT_END } from './datagen.ts';
import { createRng, type Rng } from './prng.ts';

/**
 * The customer database at the scale of the design: `count` customers (grid units, meter and
 * equipment makers, industrial buyers, distributors, overseas buyers, branches) owned by the sales
 * reps in their departments (a few in the public pool), with about three contacts each. The search
 * keys (normalised name, its pinyin, pinyin initials) come from the server's own functions, the
 * same the server runs on every save. Written with multi-row `insert … select from unnest(…)` in
 * chunks, the keys of the next chunk computed while PostgreSQL writes the previous one.
 */

const SEED = 'crm-bench-customers-v1';
const CHUNK = 5_000;

export type CustomerGenResult = {
  skipped: boolean;
  customers: number;
  contacts: number;
  ms: { keys: number; total: number; vacuumAnalyze: number };
};

/** What the scenarios draw their inputs from (all from the generated rows, deterministic). */
export type CustomerSamples = {
  /** Existing names and short names, for duplicate-check variants. */
  names: { name: string; shortName: string | null }[];
  /** Trade names and cities as typed into the search box. */
  fragments: string[];
  /** Pinyin initials of short names / trade names (e.g. "hpdq"). */
  initials: string[];
  /** Mobile numbers of existing contacts. */
  mobiles: string[];
};

const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '建华',
  '志强',
  '晓东',
  '海燕',
  '文博',
  '国庆',
  '春梅',
  '建国',
  '立新',
  '红霞',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const TITLES = [
  '采购经理',
  '总工程师',
  '设备部主任',
  '计量中心主任',
  '营销部经理',
  '物资部专责',
  '总经理',
  '技术负责人',
  '财务经理',
  '项目经理',
];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A syntactically valid, unique 统一社会信用代码 from the row number. */
function creditCode(i: number, rng: Rng): string {
  let tail = '';
  let n = i;
  for (let k = 0; k < 10; k++) {
    tail = CODE_CHARS[n % CODE_CHARS.length]! + tail;
    n = Math.floor(n / CODE_CHARS.length);
  }
  return `91${String(110000 + rng.int(540000)).slice(0, 6)}${tail}`;
}

/**
 * The customer's latest activity (activity-data.ts places an activity on it): within the last 180
 * days, not before the customer was created, in working hours (Beijing time) when that stays in
 * range. The time of day comes from the same draw `u`, so the other columns are unchanged.
 */
function lastActivityAt(created: number, u: number): Date {
  const end = AUDIT_END.getTime();
  const raw = end - Math.floor(u * Math.min(180 * 86_400_000, end - created));
  const frac = (x: number) => x - Math.floor(x);
  const snapped = workingTime(raw, frac(u * 9_973), frac(u * 99_991), frac(u * 999_983));
  return new Date(snapped >= created && snapped <= end ? snapped : raw);
}

export async function hasCustomerBenchData(pool: pg.Pool, count: number): Promise<boolean> {
  const { rows } = await pool.query<{ n: string }>(`select count(*) as n from customer`);
  return Number(rows[0]?.n ?? 0) >= count;
}

type Owner = { id: string; departmentId: string };

type Row = {
  c: GeneratedCustomer;
  keys: { normalizedName: string; namePinyin: string; pinyinInitials: string };
};

export async function generateCustomers(
  pool: pg.Pool,
  opts: { count: number; contactsPerCustomer: number; log: (msg: string) => void },
): Promise<CustomerGenResult> {
  const t0 = performance.now();
  const rng = createRng(SEED);
  const owners = (
    await pool.query<{ id: string; department_id: string }>(
      `select u.id, u.department_id from app_user u
         join user_role ur on ur.user_id = u.id join role r on r.id = ur.role_id
        where r.code = 'sales_rep' and u.is_active order by u.username`,
    )
  ).rows.map((r): Owner => ({ id: r.id, departmentId: r.department_id }));
  if (owners.length === 0) throw new Error('no sales reps to own the customers');
  const existing = new Set(
    (await pool.query<{ normalized_name: string }>(`select normalized_name from customer`)).rows.map((r) => r.normalized_name),
  );
  const want = Math.max(0, opts.count - existing.size);

  // Names first (cheap), each normalised name once: the server's duplicate check would block a second.
  let keysMs = 0;
  const grid = gridCustomers();
  let gridAt = 0;
  const nextRow = (): Row => {
    for (;;) {
      const c = gridAt < grid.length ? grid[gridAt++]! : companyCustomer(rng);
      const tk = performance.now();
      const dup = duplicateSearchKeys(c.name);
      if (!dup.normalizedName || existing.has(dup.normalizedName)) {
        keysMs += performance.now() - tk;
        continue;
      }
      existing.add(dup.normalizedName);
      // As the server computes them on save (customers.service.ts, searchKeys).
      const initials = [pinyinInitials(c.name), c.shortName ? pinyinInitials(c.shortName) : ''].filter(Boolean).join(' ');
      keysMs += performance.now() - tk;
      return { c, keys: { ...dup, pinyinInitials: initials } };
    }
  };

  const client = await pool.connect();
  let contacts = 0;
  try {
    await client.query(`set synchronous_commit = off`);
    await client.query(`set work_mem = '256MB'`);
    const span = 5 * 365 * 86_400_000;
    const start = AUDIT_END.getTime() - span;
    const grades = ['A', 'B', 'C', 'D'];
    const statuses = ['active', 'active', 'active', 'prospect', 'prospect', 'dormant', 'lost'];
    let pending: Promise<unknown> = Promise.resolve();
    let serial = 0;
    for (let done = 0; done < want;) {
      const n = Math.min(CHUNK, want - done);
      const rows = Array.from({ length: n }, nextRow);
      const cols: unknown[][] = Array.from({ length: 22 }, () => []);
      const contactCols: unknown[][] = Array.from({ length: 10 }, () => []);
      rows.forEach((row) => {
        const i = serial++;
        const id = rng.uuid();
        const owner = rng.next() < 0.04 ? null : owners[Math.floor(Math.pow(rng.next(), 1.15) * owners.length)]!;
        const created = new Date(start + Math.floor(rng.next() * span));
        const g = row.c.kind === 'grid' ? rng.pick(['A', 'A', 'B']) : grades[Math.min(3, Math.floor(Math.pow(rng.next(), 0.6) * 4))]!;
        const lastActivity = rng.next() < 0.85 ? lastActivityAt(created.getTime(), rng.next()) : null;
        const values = [
          id,
          row.c.name,
          row.keys.normalizedName,
          row.keys.namePinyin,
          row.keys.pinyinInitials,
          row.c.shortName,
          rng.next() < 0.8 || row.c.kind === 'grid' ? creditCode(i, rng) : null,
          row.c.type,
          row.c.industry,
          row.c.country,
          row.c.province,
          row.c.city,
          g,
          g,
          row.c.kind === 'grid' && g === 'A',
          rng.pick(statuses),
          owner?.id ?? null,
          owner?.departmentId ?? null,
          lastActivity,
          created,
          rng.next() < 0.3 ? `${(1 + rng.int(200)) * 50000}.00` : null,
          owner?.id ?? null,
        ];
        values.forEach((v, c) => cols[c]!.push(v));
        const m = 1 + rng.int(opts.contactsPerCustomer * 2 - 1);
        for (let j = 0; j < m; j++) {
          const mobile = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
          const person = `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`;
          [
            rng.uuid(),
            id,
            person,
            rng.pick(TITLES),
            mobile,
            mobile,
            rng.next() < 0.4 ? `contact${i}.${j}@customer${i}.example.cn` : null,
            j === 0,
            created,
            owner?.id ?? null,
          ].forEach((v, c) => contactCols[c]!.push(v));
          contacts++;
        }
      });
      await pending;
      pending = (async () => {
        await client.query('begin');
        await client.query(
          `insert into customer (id, name, normalized_name, name_pinyin, pinyin_initials, short_name, credit_code, type, industry, country,
                                 province, city, grade, rule_grade, strategic, status, owner_id, department_id, last_activity_at,
                                 created_at, credit_limit, created_by, updated_at)
           select c.*, c.created_at from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                 $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::bool[], $16::text[],
                                 $17::uuid[], $18::uuid[], $19::timestamptz[], $20::timestamptz[], $21::numeric[], $22::uuid[])
             as c(id, name, normalized_name, name_pinyin, pinyin_initials, short_name, credit_code, type, industry, country, province,
                  city, grade, rule_grade, strategic, status, owner_id, department_id, last_activity_at, created_at, credit_limit, created_by)`,
          cols,
        );
        await client.query(
          `insert into contact (id, customer_id, name, title, mobile, mobile_digits, email, is_primary, created_at, created_by, updated_at)
           select c.*, c.created_at from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[],
                                 $9::timestamptz[], $10::uuid[])
             as c(id, customer_id, name, title, mobile, mobile_digits, email, is_primary, created_at, created_by)`,
          contactCols,
        );
        await client.query('commit');
      })();
      done += n;
      if (done % 20_000 === 0 || done === want) {
        opts.log(
          `  customers ${done.toLocaleString('en-US')} / ${want.toLocaleString('en-US')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      }
    }
    await pending;
    const tv = performance.now();
    await client.query(`vacuum (analyze) customer, contact`);
    const end = performance.now();
    return { skipped: false, customers: want, contacts, ms: { keys: keysMs, vacuumAnalyze: end - tv, total: end - t0 } };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.query('discard all').catch(() => undefined);
    client.release();
  }
}

/** Inputs for the customer scenarios, read back from the database (deterministic order). */
export async function loadCustomerSamples(pool: pg.Pool): Promise<CustomerSamples> {
  const rng = createRng(`${SEED}:samples`);
  const customers = (
    await pool.query<{ name: string; short_name: string | null; city: string | null; pinyin_initials: string }>(
      `select name, short_name, city, pinyin_initials from customer where owner_id is not null order by md5(id::text) limit 2000`,
    )
  ).rows;
  const mobiles = (
    await pool.query<{ mobile: string }>(`select mobile from contact where mobile is not null order by md5(id::text) limit 500`)
  ).rows.map((r) => r.mobile);
  const fragments = customers.flatMap((c) => {
    const trade = c.short_name ? [...c.short_name].slice(0, 2).join('') : null;
    return [trade, c.city].filter((x): x is string => Boolean(x));
  });
  const initials = customers
    .map((c) => c.pinyin_initials.split(' ').at(-1) ?? '')
    .filter((x) => /^[a-z]{4,}$/.test(x))
    .map((x) => x.slice(0, 4 + rng.int(Math.min(3, x.length - 3))));
  return { names: customers.map((c) => ({ name: c.name, shortName: c.short_name })), fragments, initials, mobiles };
}
