import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, inject } from 'vitest';
import { buildApp, type BuiltApp } from '../app.ts';
import { settableClock, type SettableClock } from '../kernel/clock.ts';
import { openPglite, openPostgres, type Database } from '../kernel/db/database.ts';
import { cloneFromTemplate, dropDatabase } from './template.ts';
import { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD, testConfig, testEngine } from './test-config.ts';

export { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD };

/** A fresh copy of the migrated, seeded template database for one test file. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const engine = testEngine(process.env);
  if (engine.kind === 'pglite') {
    const tar = readFileSync(inject('pgliteTemplate'));
    const database = await openPglite({ loadDataDir: new Blob([tar]) });
    return { database, drop: () => database.close() };
  }
  const name = `crm_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const url = await cloneFromTemplate(engine.url, inject('postgresTemplate'), name);
  const database = await openPostgres({ url, poolMax: 10 });
  return {
    database,
    drop: async () => {
      await database.close();
      await dropDatabase(engine.url, name);
    },
  };
}

export type Session = {
  cookie: string;
  csrfToken: string;
  userId: string;
  /** Sends a request as this user (cookie + CSRF header on writes). */
  request(opts: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
};

export type TestApp = BuiltApp & {
  clock: SettableClock;
  database: Database;
  login(username: string, password?: string): Promise<Session>;
  ip: string;
};

/**
 * Builds the whole application on a fresh test database, closed after the file's tests.
 * The clock starts at 2026-11-02 10:00 Shanghai time and only moves when a test moves it.
 */
export async function createTestApp(opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const clock = settableClock('2026-11-02T02:00:00Z');
  const built = await buildApp({ config: testConfig(opts.env), database, clock, logger: process.env.TEST_LOG ? { level: 'info' } : false });
  await built.prepare();
  await built.app.ready();
  afterAll(async () => {
    await built.app.close();
    await drop();
  });
  const app: FastifyInstance = built.app;
  let addressCounter = 1;
  return {
    ...built,
    clock,
    database,
    ip: '127.0.0.1',
    async login(username, password) {
      // Each login comes from its own address so throttling tests stay independent.
      const remoteAddress = `10.0.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: password ?? (username === 'admin' ? TEST_ADMIN_PASSWORD : TEST_DEMO_PASSWORD) },
        remoteAddress,
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'crm_sid');
      const body = res.json() as { csrfToken: string; user: { id: string } };
      const cookieHeader = `crm_sid=${cookie!.value}`;
      return {
        cookie: cookieHeader,
        csrfToken: body.csrfToken,
        userId: body.user.id,
        request: ({ method, url, payload, headers }) =>
          app.inject({
            method: method as 'GET',
            url,
            ...(payload === undefined ? {} : { payload: payload as object }),
            headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken, ...headers },
          }),
      };
    },
  };
}
