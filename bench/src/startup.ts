import { join } from 'node:path';
import { machineCpuMs, processCpuMs } from './cpu.ts';
import { startServer, waitForHealth } from './server.ts';

export type StartMeasure = {
  /** Spawn → first 200 {"status":"ok"} from /api/health. */
  ms: number;
  /** CPU time the server process used until then (does not grow with other load; null without /proc). */
  cpuMs: number | null;
  /** Share of all cores in use during the start, and the part not used by the server process. */
  machineBusyPct: number | null;
  otherBusyPct: number | null;
  /** SIGTERM → exit. */
  stopMs: number;
};

export type StartupResult = {
  /** Empty data directory: initdb, migrations, seed, demo organisation. */
  coldMs: number;
  /** Same data directory, second start. */
  warmMs: number;
  cold: StartMeasure;
  warm: StartMeasure;
};

/**
 * Cold and warm start on the embedded database (PGlite): spawn the server as a user would
 * (`node --import tsx apps/server/src/main.ts`, demo on, jobs at their default), time from spawn
 * to the first healthy answer, stop it with SIGTERM (a clean shutdown closes PGlite), repeat on the
 * same directory.
 */
export async function measureStartup(opts: {
  tmpDir: string;
  webDist: string;
  adminPassword: string;
  demoPassword: string;
  log: (m: string) => void;
}): Promise<StartupResult> {
  const dataDir = join(opts.tmpDir, 'pglite-data');
  const env = {
    CRM_DATA_DIR: dataDir,
    CRM_DEMO: '1',
    CRM_ADMIN_PASSWORD: opts.adminPassword,
    CRM_DEMO_PASSWORD: opts.demoPassword,
    CRM_LOG_LEVEL: 'warn',
    CRM_WEB_DIST: opts.webDist,
  };
  const once = async (label: 'cold' | 'warm'): Promise<StartMeasure> => {
    const machine0 = machineCpuMs();
    const t0 = performance.now();
    const server = await startServer({ env, logFile: join(opts.tmpDir, `pglite-${label}.log`) });
    try {
      const ms = await waitForHealth(server, { since: t0, timeoutMs: 120_000, intervalMs: 50 });
      const cpuMs = server.child.pid ? (processCpuMs(server.child.pid) ?? null) : null;
      const machine1 = machineCpuMs();
      let machineBusyPct: number | null = null;
      let otherBusyPct: number | null = null;
      if (machine0 && machine1 && machine1.total > machine0.total) {
        const total = machine1.total - machine0.total;
        const busy = machine1.busy - machine0.busy;
        machineBusyPct = Math.round((busy / total) * 1000) / 10;
        otherBusyPct = Math.max(0, Math.round(((busy - (cpuMs ?? 0)) / total) * 1000) / 10);
      }
      opts.log(
        `  ${label} start: ${(ms / 1000).toFixed(2)} s (server CPU ${cpuMs === null ? '?' : (cpuMs / 1000).toFixed(2)} s, other load ${otherBusyPct ?? '?'}%)`,
      );
      const s0 = performance.now();
      await server.stop();
      return { ms, cpuMs, machineBusyPct, otherBusyPct, stopMs: performance.now() - s0 };
    } finally {
      await server.stop();
    }
  };
  const cold = await once('cold');
  const warm = await once('warm');
  return { coldMs: cold.ms, warmMs: warm.ms, cold, warm };
}
