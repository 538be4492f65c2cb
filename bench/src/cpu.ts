import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type pg from 'pg';

/**
 * CPU accounting from /proc (Linux; elsewhere every figure is null). On a small, possibly shared
 * machine, req/s and latency depend on what else runs; CPU milliseconds per request do much less,
 * and say where the time goes: the server process, the PostgreSQL backends of the bench database,
 * the bench process itself (autocannon or the baseline's pg client), and everything else.
 */

let clkTck: number | undefined;
function ticksPerSecond(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** utime + stime of a process, in ms; undefined when it is gone or /proc is missing. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine, in ms. */
export function machineCpuMs(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const k = 1000 / ticksPerSecond();
    return { busy: (total - idle) * k, total: total * k };
  } catch {
    return undefined;
  }
}

export type CpuUsage = {
  /** CPU ms per completed request. */
  perRequestMs: { server: number | null; postgres: number | null; bench: number | null };
  /** Share of the machine's CPU capacity (all cores = 100 %) used during the run. */
  machineBusyPct: number | null;
  /** … of which by processes other than the server, the bench database's backends and the bench. */
  otherBusyPct: number | null;
  loadAvg1: number;
};

type Sample = {
  server: number | undefined;
  backends: Map<number, number>;
  bench: number;
  machine: { busy: number; total: number } | undefined;
};

async function backendPids(pool: pg.Pool, database: string): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [
    database,
  ]);
  return rows.map((r) => r.pid);
}

export function createCpuMeter(opts: { pool: pg.Pool; database: string; serverPid: () => number | undefined }) {
  async function sample(): Promise<Sample> {
    const backends = new Map<number, number>();
    for (const pid of await backendPids(opts.pool, opts.database)) {
      const ms = processCpuMs(pid);
      if (ms !== undefined) backends.set(pid, ms);
    }
    const pid = opts.serverPid();
    const u = process.cpuUsage();
    return {
      server: pid ? processCpuMs(pid) : undefined,
      backends,
      bench: (u.user + u.system) / 1000,
      machine: machineCpuMs(),
    };
  }
  return {
    start: sample,
    async stop(before: Sample, requests: number): Promise<CpuUsage> {
      const after = await sample();
      const per = (v: number | undefined) => (v === undefined || requests === 0 ? null : Math.round((v / requests) * 1000) / 1000);
      const server = before.server !== undefined && after.server !== undefined ? after.server - before.server : undefined;
      let postgres: number | undefined;
      if (after.backends.size > 0 || before.backends.size > 0) {
        postgres = 0;
        // Backends opened during the run count from zero; those closed during it are lost (rare: idle timeout 30 s).
        for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
      }
      const bench = after.bench - before.bench;
      let machineBusyPct: number | null = null;
      let otherBusyPct: number | null = null;
      if (before.machine && after.machine && after.machine.total > before.machine.total) {
        const total = after.machine.total - before.machine.total;
        const busy = after.machine.busy - before.machine.busy;
        machineBusyPct = Math.round((busy / total) * 1000) / 10;
        const ours = (server ?? 0) + (postgres ?? 0) + bench;
        otherBusyPct = Math.max(0, Math.round(((busy - ours) / total) * 1000) / 10);
      }
      return {
        perRequestMs: { server: per(server), postgres: per(postgres), bench: per(bench) },
        machineBusyPct,
        otherBusyPct,
        loadAvg1: Math.round(loadavg()[0]! * 100) / 100,
      };
    },
  };
}
export type CpuMeter = ReturnType<typeof createCpuMeter>;
