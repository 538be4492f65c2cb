import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './config.ts';

/** Every server the bench started, so that cleanup can stop whatever is still running. */
const running = new Set<ServerProcess>();

export type ServerProcess = {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  readonly logFile: string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
};

/** A port the OS reports free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export async function startServer(opts: { env: Record<string, string>; logFile: string; port?: number }): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  // Only what the server needs from our environment; the CRM_* settings come from opts.env.
  const inherited: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_OPTIONS', 'TSX_TSCONFIG_PATH']) {
    const v = process.env[key];
    if (v !== undefined) inherited[key] = v;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'server', 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...inherited, NODE_ENV: 'production', HOST: '127.0.0.1', ...opts.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ? `signal ${signal}` : `code ${code}`);
    });
  });
  const server: ServerProcess = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    logFile: opts.logFile,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      }
      running.delete(server);
    },
  };
  running.add(server);
  return server;
}

/** Polls GET /api/health until 200 {"status":"ok"}; returns the milliseconds waited (from `since`). */
export async function waitForHealth(
  server: ServerProcess,
  opts: { timeoutMs: number; since?: number; intervalMs?: number },
): Promise<number> {
  const since = opts.since ?? performance.now();
  const deadline = since + opts.timeoutMs;
  let exitReason: string | undefined;
  void server.exited.then((r) => (exitReason = r));
  while (performance.now() < deadline) {
    if (exitReason !== undefined)
      throw new Error(`server exited (${exitReason}) before it was healthy; log: ${server.logFile}\n${tail(server.logFile)}`);
    try {
      const res = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) {
        const body = (await res.json()) as { status?: string };
        if (body.status === 'ok') return performance.now() - since;
      } else {
        await res.body?.cancel();
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  throw new Error(`server not healthy after ${opts.timeoutMs} ms; log: ${server.logFile}\n${tail(server.logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function stopAllServers(): Promise<void> {
  await Promise.allSettled([...running].map((s) => s.stop()));
}

/** Synchronous last resort (process exit): SIGKILL whatever is still running. */
export function killAllServersNow(): void {
  for (const s of running) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  }
}
