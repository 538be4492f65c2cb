import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { settableClock } from '../kernel/clock.ts';
import { openPglite, openPostgres, type Database } from '../kernel/db/database.ts';
import { hashPassword } from '../modules/admin/passwords.ts';
import { TEST_DEMO_PASSWORD, testConfig } from './test-config.ts';

/** Migrates a database and seeds admin + the demo organisation with the test passwords. */
export async function prepareTemplate(database: Database): Promise<void> {
  await database.migrate();
  const built = await buildApp({ config: testConfig(), database, clock: settableClock('2026-11-02T02:00:00Z'), logger: false });
  await built.prepare({ demoPasswordHash: await hashPassword(TEST_DEMO_PASSWORD) });
  await built.app.close();
}

export async function createPgliteTemplate(): Promise<Uint8Array> {
  const database = await openPglite();
  await prepareTemplate(database);
  const dump = await database.dumpDataDir!();
  await database.close();
  return dump;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs database-level statements (CREATE/DROP DATABASE) on the server's maintenance connection. */
async function onServer(adminUrl: string, statements: SQL[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const db = drizzle({ client });
    for (const statement of statements) await db.execute(statement);
  } finally {
    await client.end();
  }
}

export async function createPostgresTemplate(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, [sql`DROP DATABASE IF EXISTS ${sql.identifier(name)}`, sql`CREATE DATABASE ${sql.identifier(name)}`]);
  const database = await openPostgres({ url: withDatabase(adminUrl, name), poolMax: 2 });
  await prepareTemplate(database);
  await database.close();
}

export async function cloneFromTemplate(adminUrl: string, template: string, name: string): Promise<string> {
  await onServer(adminUrl, [sql`CREATE DATABASE ${sql.identifier(name)} TEMPLATE ${sql.identifier(template)}`]);
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, [sql`DROP DATABASE IF EXISTS ${sql.identifier(name)} WITH (FORCE)`]);
}
