import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export const E2E_ADMIN_PASSWORD = 'e2e-admin-pass-42';
export const E2E_DEMO_PASSWORD = 'e2e-demo-pass-42';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the real server (built web app, fresh embedded database, demo data) for the browser tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = new URL('..', import.meta.url).pathname;
  // The server serves the built web app: build it first when its sources are newer.
  const build = spawnSync(process.execPath, ['scripts/web-build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the web app failed');
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      CRM_DATA_DIR: dataDir,
      CRM_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      CRM_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      // The hand-written demo customers only, which the browser tests know by name.
      CRM_DEMO_CUSTOMERS: '25',
      CRM_LOG_LEVEL: 'warn',
      CRM_JOBS: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error('server did not become healthy in 90 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
