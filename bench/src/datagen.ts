import type pg from 'pg';
import { hashPassword } from '../../apps/server/src/modules/admin/passwords.ts';
import { createRng, type Rng } from './prng.ts';

/**
 * Deterministic data at the scale of the design, written with set-based SQL:
 * - departments: 8 more offices (5 under BU-DOM, 3 under BU-INT) × 12 teams, on top of the demo tree;
 * - users: up to `totalUsers` (the 30 seeded ones included), mostly sales reps, a team lead per team,
 *   a manager per office, two more directors and functional staff; one shared argon2 hash;
 * - audit entries: `auditRows` over the two years before a fixed anchor date, with realistic actions,
 *   entity types, actors (skewed activity), ips, user agents, changes and meta.
 * The data depends only on the seed, never on the time of the run.
 */

/** The audit history ends here (a fixed date, so that every run has the same data). */
export const AUDIT_END = new Date('2025-06-30T16:00:00.000Z');
export const AUDIT_DAYS = 730;
const SEED = 'crm-bench-v1';

export type DataGenResult = {
  skipped: boolean;
  departmentsAdded: number;
  usersAdded: number;
  auditRowsAdded: number;
  ms: { departmentsAndUsers: number; audit: number; vacuumAnalyze: number; total: number };
};

type DeptRow = {
  id: string;
  code: string;
  name: string;
  kind: 'office' | 'team';
  parentId: string;
  path: string;
  sortOrder: number;
  headUserId: string | null;
};
type UserRow = {
  id: string;
  username: string;
  displayName: string;
  email: string;
  phone: string;
  departmentId: string;
  managerId: string | null;
  isActive: boolean;
  locale: 'zh-CN' | 'en-US';
  createdAt: Date;
  lastLoginAt: Date | null;
  role: string;
};

const SURNAMES: readonly [string, string][] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['高', 'gao'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
  ['彭', 'peng'],
  ['曾', 'zeng'],
  ['萧', 'xiao'],
];
const GIVEN: readonly [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀英', 'xiuying'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['建华', 'jianhua'],
  ['志强', 'zhiqiang'],
  ['晓东', 'xiaodong'],
  ['海燕', 'haiyan'],
  ['文博', 'wenbo'],
  ['子涵', 'zihan'],
  ['欣怡', 'xinyi'],
  ['浩然', 'haoran'],
  ['宇航', 'yuhang'],
  ['思远', 'siyuan'],
  ['雨桐', 'yutong'],
  ['俊杰', 'junjie'],
  ['佳怡', 'jiayi'],
  ['国庆', 'guoqing'],
  ['春梅', 'chunmei'],
];
const EN_GIVEN = ['Daniel', 'Grace', 'Kevin', 'Linda', 'Michael', 'Sophie', 'Tony', 'Vivian', 'Eric', 'Helen'];
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** The offices added by the bench: code suffix, name, parent business unit, its cities (team names). */
const OFFICES: readonly { key: string; name: string; bu: 'BU-DOM' | 'BU-INT' }[] = [
  { key: 'SOUTH', name: '华南大区', bu: 'BU-DOM' },
  { key: 'CENTRAL', name: '华中大区', bu: 'BU-DOM' },
  { key: 'SW', name: '西南大区', bu: 'BU-DOM' },
  { key: 'NW', name: '西北大区', bu: 'BU-DOM' },
  { key: 'NE', name: '东北大区', bu: 'BU-DOM' },
  { key: 'SEA', name: '东南亚大区', bu: 'BU-INT' },
  { key: 'MEA', name: '中东非洲大区', bu: 'BU-INT' },
  { key: 'EU', name: '欧洲大区', bu: 'BU-INT' },
];
const TEAMS_PER_OFFICE = 12;

/** Functional staff added to the demo functional departments: department code → [role, count]. */
const FUNCTIONAL: readonly [string, string, number][] = [
  ['FINANCE', 'finance', 8],
  ['LEGAL', 'contract_reviewer', 5],
  ['PLANNING', 'planner', 6],
  ['SUPPORT', 'tech_support', 18],
  ['PRODUCT', 'product_manager', 6],
];

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47',
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 wxwork/4.1.22',
];

/**
 * The audit action mix. weight: relative frequency; target: what entity_id refers to (`self` = the actor,
 * `user`/`department` = real ids, `pool` = one of `pool` synthetic business records of entity_type);
 * kind: what `changes`/`meta` hold.
 */
type ActionSpec = {
  action: string;
  entityType: string | null;
  weight: number;
  target: 'none' | 'self' | 'user' | 'department' | 'pool';
  pool: number;
  kind: 'read' | 'list' | 'update' | 'create' | 'login' | 'plain';
  field: string;
  vals: string[];
  system: boolean;
};
const STAGES = ['lead', 'qualified', 'solution', 'proposal', 'negotiation', 'won', 'lost'];
const STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'signed', 'cancelled'];
const LEVELS = ['A', 'B', 'C', 'D'];
const AMOUNTS = ['12000.00', '48500.00', '96000.00', '150000.00', '380000.00', '1250000.00', '2600000.00'];
function act(
  action: string,
  entityType: string | null,
  weight: number,
  target: ActionSpec['target'],
  pool: number,
  kind: ActionSpec['kind'],
  field = '',
  vals: string[] = [],
  system = false,
): ActionSpec {
  return { action, entityType, weight, target, pool, kind, field, vals, system };
}
const ACTIONS: readonly ActionSpec[] = [
  act('customer.read', 'customer', 12, 'pool', 20_000, 'read'),
  act('customer.list', 'customer', 8, 'none', 0, 'list', '-updatedAt'),
  act('customer.update', 'customer', 4, 'pool', 20_000, 'update', 'level', LEVELS),
  act('customer.create', 'customer', 1.2, 'pool', 20_000, 'create'),
  act('opportunity.read', 'opportunity', 10, 'pool', 30_000, 'read'),
  act('opportunity.list', 'opportunity', 6, 'none', 0, 'list', '-expectedCloseDate'),
  act('opportunity.update', 'opportunity', 5, 'pool', 30_000, 'update', 'amount', AMOUNTS),
  act('opportunity.stage_change', 'opportunity', 2, 'pool', 30_000, 'update', 'stage', STAGES),
  act('opportunity.create', 'opportunity', 1.5, 'pool', 30_000, 'create'),
  act('quote.read', 'quote', 4, 'pool', 25_000, 'read'),
  act('quote.create', 'quote', 1.5, 'pool', 25_000, 'create'),
  act('quote.submit', 'quote', 0.8, 'pool', 25_000, 'update', 'status', STATUSES),
  act('quote.approve', 'quote', 0.5, 'pool', 25_000, 'update', 'status', STATUSES),
  act('contract.read', 'contract', 3, 'pool', 8_000, 'read'),
  act('contract.create', 'contract', 0.5, 'pool', 8_000, 'create'),
  act('contract.approve', 'contract', 0.4, 'pool', 8_000, 'update', 'status', STATUSES),
  act('contract.sign', 'contract', 0.3, 'pool', 8_000, 'update', 'status', STATUSES),
  act('sales_order.read', 'sales_order', 2, 'pool', 10_000, 'read'),
  act('sales_order.create', 'sales_order', 0.4, 'pool', 10_000, 'create'),
  act('invoice.read', 'invoice', 1.5, 'pool', 12_000, 'read'),
  act('invoice.create', 'invoice', 0.4, 'pool', 12_000, 'create'),
  act('receipt.create', 'receipt', 0.3, 'pool', 9_000, 'create'),
  act('activity.create', 'activity', 8, 'pool', 150_000, 'create'),
  act('activity.list', 'activity', 4, 'none', 0, 'list', '-at'),
  act('product.read', 'product', 2, 'pool', 800, 'read'),
  act('product.list', 'product', 1.5, 'none', 0, 'list', 'code'),
  act('report.view', null, 2, 'none', 0, 'plain'),
  act('user.read', 'user', 1.5, 'user', 0, 'read'),
  act('user.list', 'user', 1.5, 'none', 0, 'list', 'username'),
  act('user.update', 'user', 0.2, 'user', 0, 'update', 'phone', ['13800001111', '13912345678', '13688889999', '13500002222']),
  act('department.list', 'department', 1, 'none', 0, 'list', 'sortOrder'),
  act('department.read', 'department', 0.3, 'department', 0, 'read'),
  act('audit.list', 'audit_entry', 0.3, 'none', 0, 'list', '-at'),
  act('auth.login', 'user', 5, 'self', 0, 'login'),
  act('auth.logout', 'user', 1.5, 'self', 0, 'plain'),
  act('auth.login_failed', 'user', 0.3, 'self', 0, 'plain'),
  act('notification.dispatch', 'notification', 1.5, 'pool', 200_000, 'plain', '', [], true),
  act('session.purge', null, 0.2, 'none', 0, 'plain', '', [], true),
];

function cnIndex(i: number): string {
  return CN_NUM[i] ?? String(i + 1);
}

/** One array per column, for `insert … select * from unnest($1::…[], $2::…[], …)`. */
function columnsOf(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c]));
}

export async function hasBenchData(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: string }>(`select count(*) as n from department where code = 'OFF-SOUTH'`);
  return Number(rows[0]?.n ?? 0) > 0;
}

export async function generateData(
  pool: pg.Pool,
  opts: { totalUsers: number; auditRows: number; password: string; log: (msg: string) => void },
): Promise<DataGenResult> {
  const t0 = performance.now();
  const rng = createRng(SEED);
  const client = await pool.connect();
  try {
    await client.query(`set synchronous_commit = off`);
    await client.query(`set work_mem = '256MB'`);
    await client.query(`set maintenance_work_mem = '512MB'`);

    /* ---------------------------------------------------- departments and users */
    const depts = new Map(
      (
        await client.query<{ id: string; code: string; path: string; sort_order: number }>(
          `select id, code, path, sort_order from department`,
        )
      ).rows.map((r) => [r.code, r]),
    );
    const roleIds = new Map(
      (await client.query<{ id: string; code: string }>(`select id, code from role`)).rows.map((r) => [r.code, r.id]),
    );
    const existingUsers = new Map(
      (await client.query<{ id: string; username: string }>(`select id, username from app_user`)).rows.map((r) => [r.username, r.id]),
    );
    const need = (code: string) => {
      const d = depts.get(code);
      if (!d) throw new Error(`the demo organisation has no department ${code}: is CRM_DEMO on?`);
      return d;
    };
    const needUser = (username: string) => {
      const id = existingUsers.get(username);
      if (!id) throw new Error(`the demo organisation has no user ${username}: is CRM_DEMO on?`);
      return id;
    };
    const existingIds = new Set(existingUsers.values());
    const directors = { 'BU-DOM': needUser('director.dom'), 'BU-INT': needUser('director.int') };

    const newDepts: DeptRow[] = [];
    const teams: { dept: DeptRow; office: DeptRow; bu: 'BU-DOM' | 'BU-INT' }[] = [];
    let sortOrder = Math.max(...[...depts.values()].map((d) => d.sort_order)) + 1;
    for (const o of OFFICES) {
      const parent = need(o.bu);
      const id = rng.uuid();
      const office: DeptRow = {
        id,
        code: `OFF-${o.key}`,
        name: o.name,
        kind: 'office',
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        sortOrder: sortOrder++,
        headUserId: null,
      };
      newDepts.push(office);
      for (let t = 0; t < TEAMS_PER_OFFICE; t++) {
        const tid = rng.uuid();
        const team: DeptRow = {
          id: tid,
          code: `T-${o.key}-${String(t + 1).padStart(2, '0')}`,
          name: `${o.name.replace('大区', '')}${cnIndex(t)}组`,
          kind: 'team',
          parentId: id,
          path: `${office.path}${tid}/`,
          sortOrder: sortOrder++,
          headUserId: null,
        };
        newDepts.push(team);
        teams.push({ dept: team, office, bu: o.bu });
      }
    }

    const usernames = new Set(existingUsers.keys());
    let seq = 0;
    const span = 2 * 365 * 86_400_000;
    const start = AUDIT_END.getTime() - span;
    const makeUser = (departmentId: string, role: string, managerId: string | null, r: Rng, english = false): UserRow => {
      const [sc, sp] = r.pick(SURNAMES);
      const [gc, gp] = r.pick(GIVEN);
      seq++;
      let username = `${sp}.${gp}${seq}`;
      while (usernames.has(username)) username = `${username}x`;
      usernames.add(username);
      const displayName = english ? `${r.pick(EN_GIVEN)} ${sp[0]!.toUpperCase()}${sp.slice(1)}` : `${sc}${gc}`;
      const createdAt = new Date(start + Math.floor(r.next() * span * 0.9));
      return {
        id: r.uuid(),
        username,
        displayName,
        email: `${username}@meter-group.example.cn`,
        phone: `13${String(1 + r.int(9))}${String(r.int(100_000_000)).padStart(8, '0')}`,
        departmentId,
        managerId,
        isActive: true,
        locale: english || r.next() < 0.05 ? 'en-US' : 'zh-CN',
        createdAt,
        lastLoginAt: r.next() < 0.9 ? new Date(AUDIT_END.getTime() - Math.floor(r.next() * 30 * 86_400_000)) : null,
        role,
      };
    };

    const budget = Math.max(0, opts.totalUsers - existingUsers.size);
    const tiers: UserRow[][] = [[], [], []];
    const officeManagers = new Map<string, UserRow>();
    for (const d of newDepts.filter((x) => x.kind === 'office')) {
      const bu = OFFICES.find((o) => `OFF-${o.key}` === d.code)!.bu;
      const m = makeUser(d.id, 'sales_manager', directors[bu], rng, bu === 'BU-INT' && rng.next() < 0.3);
      d.headUserId = m.id;
      officeManagers.set(d.id, m);
      tiers[0]!.push(m);
    }
    tiers[0]!.push(
      makeUser(need('BU-DOM').id, 'sales_director', null, rng),
      makeUser(need('BU-INT').id, 'sales_director', null, rng, true),
    );
    const teamLeads = new Map<string, UserRow>();
    for (const t of teams) {
      const lead = makeUser(t.dept.id, 'sales_manager', officeManagers.get(t.office.id)!.id, rng, t.bu === 'BU-INT' && rng.next() < 0.3);
      t.dept.headUserId = lead.id;
      teamLeads.set(t.dept.id, lead);
      tiers[1]!.push(lead);
    }
    for (const [code, roleCode, count] of FUNCTIONAL) {
      for (let i = 0; i < count; i++) tiers[2]!.push(makeUser(need(code).id, roleCode, null, rng));
    }
    const reps = Math.max(0, budget - tiers[0]!.length - tiers[1]!.length - tiers[2]!.length);
    // Teams differ in size (0.6×–1.4× the average), deterministically.
    const weights = teams.map(() => 0.6 + 0.8 * rng.next());
    const weightSum = weights.reduce((a, b) => a + b, 0);
    let assigned = 0;
    for (const [i, t] of teams.entries()) {
      const n = i === teams.length - 1 ? reps - assigned : Math.min(reps - assigned, Math.round((reps * weights[i]!) / weightSum));
      for (let k = 0; k < n; k++) {
        const u = makeUser(t.dept.id, 'sales_rep', teamLeads.get(t.dept.id)!.id, rng, t.bu === 'BU-INT' && rng.next() < 0.25);
        // About 3% have left the company and are disabled.
        u.isActive = rng.next() >= 0.03;
        tiers[2]!.push(u);
      }
      assigned += n;
    }
    const allNew = tiers.flat().slice(0, budget);
    const newSet = new Set(allNew.map((u) => u.id));

    const passwordHash = await hashPassword(opts.password);
    await client.query('begin');
    const deptStamp = new Date(start);
    await client.query(
      `insert into department (id, parent_id, name, code, kind, path, head_user_id, sort_order, created_at, updated_at)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::int[], $9::timestamptz[], $10::timestamptz[])`,
      columnsOf(
        newDepts.map((d) => [
          d.id,
          d.parentId,
          d.name,
          d.code,
          d.kind,
          d.path,
          d.headUserId && newSet.has(d.headUserId) ? d.headUserId : null,
          d.sortOrder,
          deptStamp,
          deptStamp,
        ]),
        10,
      ),
    );
    // Managers before the people they manage (manager_id references app_user).
    for (const tier of tiers) {
      const rows = tier.filter((u) => newSet.has(u.id));
      if (rows.length === 0) continue;
      await client.query(
        `insert into app_user (id, username, display_name, email, phone, department_id, manager_id, password_hash, is_active, locale,
                               must_change_password, password_changed_at, last_login_at, created_at, updated_at)
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[], $9::bool[],
                              $10::text[], $11::bool[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])`,
        columnsOf(
          rows.map((u) => [
            u.id,
            u.username,
            u.displayName,
            u.email,
            u.phone,
            u.departmentId,
            u.managerId && (newSet.has(u.managerId) || existingIds.has(u.managerId)) ? u.managerId : null,
            passwordHash,
            u.isActive,
            u.locale,
            false,
            u.createdAt,
            u.lastLoginAt,
            u.createdAt,
            u.createdAt,
          ]),
          15,
        ),
      );
    }
    await client.query(
      `insert into user_role (user_id, role_id) select * from unnest($1::uuid[], $2::uuid[])`,
      columnsOf(
        allNew.map((u) => [u.id, roleIds.get(u.role)]),
        2,
      ),
    );
    await client.query('commit');
    const tUsers = performance.now();
    opts.log(`  ${newDepts.length} departments and ${allNew.length} users added in ${((tUsers - t0) / 1000).toFixed(1)} s`);

    /* ---------------------------------------------------- audit entries */
    const users = (
      await client.query<{ id: string; username: string; display_name: string; is_active: boolean }>(
        `select id, username, display_name, is_active from app_user order by username`,
      )
    ).rows;
    const arng = createRng(`${SEED}:audit`);
    const actors = arng.shuffle(users.filter((u) => u.is_active));
    const targets = arng.shuffle([...users]);
    const departments = arng.shuffle(
      (await client.query<{ id: string; code: string }>(`select id, code from department order by code`)).rows,
    );
    await client.query(`create temp table bench_actor (n int primary key, id uuid, name text, ip text, ua text) on commit preserve rows`);
    await client.query(
      `insert into bench_actor select * from unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
      columnsOf(
        actors.map((u, i) => [
          i + 1,
          u.id,
          u.display_name,
          `10.${16 + arng.int(8)}.${arng.int(256)}.${1 + arng.int(254)}`,
          arng.pick(BROWSERS),
        ]),
        5,
      ),
    );
    await client.query(`create temp table bench_target_user (n int primary key, id uuid)`);
    await client.query(
      `insert into bench_target_user select * from unnest($1::int[], $2::uuid[])`,
      columnsOf(
        targets.map((u, i) => [i + 1, u.id]),
        2,
      ),
    );
    await client.query(`create temp table bench_department (n int primary key, id uuid)`);
    await client.query(
      `insert into bench_department select * from unnest($1::int[], $2::uuid[])`,
      columnsOf(
        departments.map((d, i) => [i + 1, d.id]),
        2,
      ),
    );
    await client.query(
      `create temp table bench_action (n int primary key, action text, entity_type text, target text, pool int, kind text, field text, vals text[], system bool)`,
    );
    // 38 rows; their `vals` arrays differ in length, which one text[][] parameter cannot hold.
    for (const [i, a] of ACTIONS.entries()) {
      await client.query(`insert into bench_action values ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9)`, [
        i + 1,
        a.action,
        a.entityType,
        a.target,
        a.pool,
        a.kind,
        a.field,
        a.vals,
        a.system,
      ]);
    }
    const totalWeight = ACTIONS.reduce((s, a) => s + a.weight, 0);
    const thresholds: number[] = [];
    let cum = 0;
    for (const a of ACTIONS.slice(0, -1)) {
      cum += a.weight / totalWeight;
      thresholds.push(cum);
    }
    await client.query(`analyze bench_actor; analyze bench_target_user; analyze bench_department; analyze bench_action`);

    // Pseudo-random streams per row: hashint8extended(g, k) is stable (hash partitioning relies on it),
    // so the rows depend on g only, whatever the plan. A one-line SQL function, inlined by the planner.
    await client.query(
      `create function pg_temp.bench_r(g bigint, k bigint) returns float8 language sql immutable
         as $$ select (hashint8extended(g, k) & 2147483647)::float8 / 2147483648.0 $$`,
    );
    const insertChunk = `
      insert into audit_entry (at, actor_id, actor_name, ip, user_agent, request_id, action, entity_type, entity_id, changes, meta)
      select x.at,
        case when a.system then null else ac.id end,
        case when a.system then 'system:jobs' else ac.name end,
        case when a.system then null else ac.ip end,
        case when a.system then null else ac.ua end,
        case when a.system then null else md5('bench-request:' || x.g)::uuid::text end,
        a.action,
        a.entity_type,
        case a.target
          when 'none' then null
          when 'self' then ac.id::text
          when 'user' then tu.id::text
          when 'department' then td.id::text
          else md5(a.entity_type || ':' || (1 + floor(a.pool * x.r7 * x.r7))::int)::uuid::text
        end,
        case a.kind
          when 'update' then jsonb_build_object(a.field, jsonb_build_object(
            'from', a.vals[1 + floor(x.r8 * cardinality(a.vals))::int],
            'to', a.vals[1 + floor(x.r9 * cardinality(a.vals))::int]))
          when 'create' then jsonb_build_object('name', jsonb_build_object('to', a.entity_type || ' ' || (1 + floor(a.pool * x.r7 * x.r7))::int))
          else null
        end,
        case a.kind
          when 'list' then jsonb_build_object('filter', jsonb_build_object('sort', a.field, 'q', case when x.r8 < 0.2 then 'ABB' end))
          when 'login' then '{"rehashed": false}'::jsonb
          else null
        end
      from (
        select g,
          $3::timestamptz
            + floor((g - 1) * $9::float8 / $4) * interval '1 day'
            -- 85 % in office hours (09:00-19:00 in China, 01:00-11:00 UTC), the rest at any time
            + floor(1000 * case when pg_temp.bench_r(g, 3) < 0.85 then 3600 + pg_temp.bench_r(g, 4) * 36000
                                else pg_temp.bench_r(g, 4) * 86400 end) * interval '1 millisecond' as at,
          1 + floor($5 * power(pg_temp.bench_r(g, 5), 1.4))::int as acn,
          width_bucket(pg_temp.bench_r(g, 6), $6::float8[]) + 1 as an,
          pg_temp.bench_r(g, 7) as r7, pg_temp.bench_r(g, 8) as r8, pg_temp.bench_r(g, 9) as r9,
          1 + floor($7 * power(pg_temp.bench_r(g, 7), 1.5))::int as tun,
          1 + floor($8 * pg_temp.bench_r(g, 7))::int as tdn
        from generate_series($1::bigint, $2::bigint) g
      ) x
      join bench_action a on a.n = x.an
      join bench_actor ac on ac.n = x.acn
      left join bench_target_user tu on tu.n = x.tun
      left join bench_department td on td.n = x.tdn
      order by x.at, x.g`;
    const chunk = 100_000;
    const auditStart = new Date(AUDIT_END.getTime() - AUDIT_DAYS * 86_400_000);
    for (let lo = 1; lo <= opts.auditRows; lo += chunk) {
      const hi = Math.min(opts.auditRows, lo + chunk - 1);
      await client.query(insertChunk, [
        lo,
        hi,
        auditStart,
        opts.auditRows,
        actors.length,
        thresholds,
        targets.length,
        departments.length,
        AUDIT_DAYS,
      ]);
      opts.log(
        `  audit entries ${hi.toLocaleString('en-US')} / ${opts.auditRows.toLocaleString('en-US')} (${((performance.now() - tUsers) / 1000).toFixed(1)} s)`,
      );
    }
    const tAudit = performance.now();

    // VACUUM ANALYZE: statistics, and the visibility map and hint bits a long-lived table has,
    // so that the timed runs do not pay for the first touch of freshly loaded pages.
    await client.query(`vacuum (analyze) audit_entry, app_user, department, user_role, user_session`);
    const tEnd = performance.now();
    return {
      skipped: false,
      departmentsAdded: newDepts.length,
      usersAdded: allNew.length,
      auditRowsAdded: opts.auditRows,
      ms: { departmentsAndUsers: tUsers - t0, audit: tAudit - tUsers, vacuumAnalyze: tEnd - tAudit, total: tEnd - t0 },
    };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.query('discard all').catch(() => undefined);
    client.release();
  }
}
