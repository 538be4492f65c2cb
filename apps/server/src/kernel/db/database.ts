import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** The database or a transaction of it; repositories take either. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** What pg-boss needs to run on our connection (PGlite has no second connection to give it). */
export type BossDb = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  readonly bossDb: BossDb | undefined;
  readonly connectionString: string | undefined;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Uint8Array>;
  /** Pool statistics for /api/metrics. */
  stats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));
const MIGRATION_LOCK = 7_240_001;

export const pgliteExtensions = { pg_trgm };

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<Database> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: pgliteExtensions,
  });
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzlePglite({ client }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    connectionString: undefined,
    bossDb: {
      async executeSql(text, values) {
        if (values && values.length > 0) return client.query(text, values);
        // pg-boss sends parameterless multi-statement scripts (its own migrations): only exec runs those.
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    },
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
    },
    async ping() {
      await client.query('select 1');
    },
    async dumpDataDir() {
      const dump = await client.dumpDataDir('none');
      return new Uint8Array(await dump.arrayBuffer());
    },
    stats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      await client.close();
    },
  };
}

export async function openPostgres(opts: { url: string; poolMax: number }): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolMax,
    options: '-c TimeZone=UTC',
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    connectionString: opts.url,
    bossDb: undefined,
    async migrate() {
      // Several app nodes may start at once: one migrates, the others wait for it.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migratePg(drizzlePg({ client }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await pool.end();
    },
  };
}

export function openDatabase(
  cfg: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolMax: number },
): Promise<Database> {
  return cfg.kind === 'pglite' ? openPglite({ dataDir: cfg.dataDir }) : openPostgres(cfg);
}
