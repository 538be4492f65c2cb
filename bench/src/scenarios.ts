import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import lightMyRequest from 'light-my-request';
import type pg from 'pg';
import { buildApp, type BuiltApp } from '../../apps/server/src/app.ts';
import { systemClock } from '../../apps/server/src/kernel/clock.ts';
import { loadConfig } from '../../apps/server/src/kernel/config.ts';
import type { Database, Db } from '../../apps/server/src/kernel/db/database.ts';
import type { Rng } from './prng.ts';
import type { Session } from './sessions.ts';

export type Audience = 'mixed' | 'auditReaders' | 'customerReps' | 'customerManagers' | 'customerDirectors' | 'salesKanban';

export type Scenario = {
  name: string;
  endpoint: string;
  /**
   * `mixed`: admin, managers and reps; `auditReaders`: users holding audit:read (reps get 403 there);
   * `customer*`: sales reps, sales managers, sales directors (the customer scenarios, one role each;
   * the sales scenarios use them too); `salesKanban`: the manager of the kanban team (sales-data.ts).
   */
  audience: Audience;
  /** Variants run at the first concurrency only, unless BENCH_VARIANTS_ALL=1. */
  variant: boolean;
  /** `list` and `detail` reads carry the p95 target; `check` is the duplicate check (a POST that writes nothing). */
  kind: 'list' | 'detail' | 'check';
  /** The p95 target of this scenario when it is not the general one (TARGETS.p95Ms). */
  p95TargetMs?: number;
  /** Always measured with users who think (paced.ts), not only with BENCH_PACED=1. */
  paced?: boolean;
  /** A POST with this JSON body (with the session's CSRF token); GET otherwise. */
  body?(session: Session, input: string): unknown;
  /**
   * Inputs to record the SQL with, one plan each, when a request's statements depend on the input
   * in ways a substitution cannot follow (the duplicate check normalises the name, spells it in
   * pinyin, and its trigram search costs what the name makes it cost). The baseline then replays
   * these recorded requests instead of substituting its own input.
   */
  recordInputs?(session: Session): string[];
  /** The per-request variable (an id or a search term) for this session; '' when there is none. */
  input(session: Session, rng: Rng): string;
  /** The value used while recording the SQL (replaced by each request's input in the baseline). */
  captureInput(session: Session): string;
  path(session: Session, input: string): string;
};

const SEARCH_TERMS = ['wang', 'li', 'zhang', 'chen', 'xiao', 'jun', '王', '陈', '华', '1390', 'example', 'liu.', 'yang'];
/** A search term no name contains: what the SQL is recorded with. */
const SEARCH_SENTINEL = 'qzxqzxq';

/** A visible id other than the user's own when there is one (so the substitution cannot touch the scope). */
const otherThanSelf = (ids: string[], self: string) => ids.find((id) => id !== self) ?? ids[0] ?? self;

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'users.list',
    endpoint: 'GET /api/v1/users?limit=50',
    audience: 'mixed',
    variant: false,
    kind: 'list',
    input: () => '',
    captureInput: () => '',
    path: () => '/api/v1/users?limit=50',
  },
  {
    name: 'users.detail',
    endpoint: 'GET /api/v1/users/{id} (random visible id)',
    audience: 'mixed',
    variant: false,
    kind: 'detail',
    input: (session, rng) => rng.pick(session.visibleUserIds),
    captureInput: (session) => otherThanSelf(session.visibleUserIds, session.user.id),
    path: (_s, id) => `/api/v1/users/${id}`,
  },
  {
    name: 'audit.list',
    endpoint: 'GET /api/v1/audit-log?limit=50',
    audience: 'auditReaders',
    variant: false,
    kind: 'list',
    input: () => '',
    captureInput: () => '',
    path: () => '/api/v1/audit-log?limit=50',
  },
  {
    name: 'audit.byUser',
    endpoint: 'GET /api/v1/audit-log?limit=50&userId={id}',
    audience: 'auditReaders',
    variant: false,
    kind: 'list',
    input: (session, rng) => rng.pick(session.auditActorIds),
    captureInput: (session) => otherThanSelf(session.auditActorIds, session.user.id),
    path: (_s, id) => `/api/v1/audit-log?limit=50&userId=${id}`,
  },
  {
    name: 'departments.list',
    endpoint: 'GET /api/v1/departments',
    audience: 'mixed',
    variant: false,
    kind: 'list',
    input: () => '',
    captureInput: () => '',
    path: () => '/api/v1/departments',
  },
  {
    name: 'users.search',
    endpoint: 'GET /api/v1/users?limit=50&q={term}',
    audience: 'mixed',
    variant: true,
    kind: 'list',
    input: (_s, rng) => rng.pick(SEARCH_TERMS),
    captureInput: () => SEARCH_SENTINEL,
    path: (_s, q) => `/api/v1/users?limit=50&q=${encodeURIComponent(q)}`,
  },
  {
    name: 'users.subtree',
    endpoint: 'GET /api/v1/users?limit=50&departmentId={office}&includeSubDepartments=true',
    audience: 'mixed',
    variant: true,
    kind: 'list',
    input: () => '',
    captureInput: () => '',
    path: (session) => `/api/v1/users?limit=50&departmentId=${session.subtreeDepartmentId}&includeSubDepartments=true`,
  },
  {
    name: 'audit.byEntity',
    endpoint: 'GET /api/v1/audit-log?limit=50&entityType=user&entityId={id}',
    audience: 'auditReaders',
    variant: true,
    kind: 'list',
    input: (session, rng) => rng.pick(session.visibleUserIds),
    captureInput: (session) => otherThanSelf(session.visibleUserIds, session.user.id),
    path: (_s, id) => `/api/v1/audit-log?limit=50&entityType=user&entityId=${id}`,
  },
];

/* ------------------------------------------------------------ the SQL the server runs, recorded */

/** One statement as the server sends it, with the places where the per-request values go. */
export type RecordedQuery = {
  text: string;
  values: unknown[];
  /** drizzle reads selects in rowMode 'array'; inserts without RETURNING are plain. */
  rowMode: boolean;
  /** Parameters (strings) that contain the scenario input. */
  inputAt: number[];
  /** Parameters that hold the request id (a fresh UUID per request, as Fastify makes). */
  requestIdAt: number[];
};

/**
 * Every statement one request of a scenario costs the server, in order (session lookup included);
 * with `variants`, one such list per recorded input (see Scenario.recordInputs).
 */
export type RequestPlan = {
  statements: RecordedQuery[];
  captureInput: string;
  variants?: { input: string; statements: RecordedQuery[] }[];
};

/** The request id the recorded requests carry (X-Request-Id), replaced per request in the baseline. */
const REQUEST_ID_SENTINEL = 'crm-bench-request-id-0b5e55ed';

/** What a statement reads or writes, for reports: its verb and main table (outside subqueries). */
export function statementLabel(text: string): string {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '?';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (i === 0 || /\s/.test(c!))) {
      const m = /^\s*(?:from|into|update)\s+"(\w+)"/i.exec(text.slice(i, i + 80));
      if (m) return `${verb} ${m[1]}`;
    }
  }
  return verb;
}

/**
 * Records the SQL of a request by running it through the server's own application, in this
 * process: `buildApp` (the composition root `main.ts` uses) on a database handle whose drizzle
 * logger keeps each statement and its parameters, driven with Fastify's `inject`. Every hook,
 * handler, cache and repository runs as in the spawned server, so the recorded statements are
 * exactly those one request costs. Caches are warmed by one request per session first, so that
 * the recording is the steady state. The statements really run (against the bench database).
 */
export async function createRecorder(opts: { url: string; pool: pg.Pool; env: Record<string, string> }) {
  const sink = new AsyncLocalStorage<{ text: string; values: unknown[] }[]>();
  const { pool } = opts;
  const db = drizzle({
    client: pool,
    logger: {
      logQuery(query: string, params: unknown[]) {
        sink.getStore()?.push({ text: query, values: [...params] });
      },
    },
  }) as unknown as Db;
  const database: Database = {
    kind: 'postgres',
    db,
    bossDb: undefined,
    connectionString: opts.url,
    async migrate() {
      // The spawned server has migrated the database already.
    },
    async ping() {
      await pool.query('select 1');
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      // The pool belongs to the bench.
    },
  };
  const config = loadConfig({ ...opts.env, DATABASE_URL: opts.url, CRM_LOG_LEVEL: 'silent', CRM_JOBS: '0' });
  const built: BuiltApp = await buildApp({ config, database, clock: systemClock(config.timezone), logger: false });
  await built.prepare();
  await built.app.ready();

  async function inject(
    session: Session,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; recorded: { text: string; values: unknown[] }[] }> {
    const recorded: { text: string; values: unknown[] }[] = [];
    // Fastify's own inject() dispatches outside the caller's async context; light-my-request (the
    // engine behind it) with the app's router, entered inside the sink, keeps it.
    const res = await lightMyRequest((req, reply) => sink.run(recorded, () => built.app.routing(req, reply)), {
      method: body === undefined ? 'GET' : 'POST',
      url: path,
      remoteAddress: '127.0.0.1',
      headers: {
        cookie: `crm_sid=${session.token}`,
        'user-agent': 'crm-bench',
        accept: 'application/json',
        'x-request-id': REQUEST_ID_SENTINEL,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: res.statusCode, recorded };
  }

  const toRecorded = (q: { text: string; values: unknown[] }, input: string): RecordedQuery => ({
    text: q.text,
    values: q.values,
    rowMode: /^\s*select\b/i.test(q.text),
    inputAt: input === '' ? [] : q.values.flatMap((v, i) => (typeof v === 'string' && v.includes(input) ? [i] : [])),
    requestIdAt: q.values.flatMap((v, i) => (v === REQUEST_ID_SENTINEL ? [i] : [])),
  });

  return {
    /** One request to fill the per-session and per-node caches before recording. */
    async warm(session: Session, scenario: Scenario): Promise<void> {
      const input = scenario.captureInput(session);
      const { status } = await inject(session, scenario.path(session, input), scenario.body?.(session, input));
      if (status !== 200) throw new Error(`warming ${scenario.name} for ${session.user.username}: HTTP ${status}`);
    },
    async plan(scenario: Scenario, session: Session): Promise<RequestPlan> {
      const record = async (input: string): Promise<RecordedQuery[]> => {
        const { status, recorded } = await inject(session, scenario.path(session, input), scenario.body?.(session, input));
        if (status !== 200) throw new Error(`recording ${scenario.name} for ${session.user.username}: HTTP ${status}`);
        if (recorded.length === 0) throw new Error(`${scenario.name}: no SQL recorded`);
        return recorded.map((q) => toRecorded(q, input));
      };
      const captureInput = scenario.captureInput(session);
      const statements = await record(captureInput);
      if (!scenario.recordInputs) return { statements, captureInput };
      const variants: { input: string; statements: RecordedQuery[] }[] = [];
      for (const input of scenario.recordInputs(session)) variants.push({ input, statements: await record(input) });
      return { statements, captureInput, variants };
    },
    close: () => built.app.close(),
  };
}

/** The statement for one request: the recorded one with this request's input and request id. */
export function bind(q: RecordedQuery, captureInput: string, input: string, requestId: string): { text: string; values: unknown[] } {
  if (q.inputAt.length === 0 && q.requestIdAt.length === 0) return { text: q.text, values: q.values };
  const values = q.values.slice();
  if (input !== captureInput) for (const i of q.inputAt) values[i] = (values[i] as string).split(captureInput).join(input);
  for (const i of q.requestIdAt) values[i] = requestId;
  return { text: q.text, values };
}

export const newRequestId = () => randomUUID();
