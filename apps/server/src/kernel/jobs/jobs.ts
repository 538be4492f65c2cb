import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Database } from '../db/database.ts';

/**
 * A job is data: a constant name, a zod payload and a handler that can safely run twice. A cron
 * schedule only enqueues; the handler re-reads state and does nothing when the work is done.
 */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  handler: (data: z.infer<S>, ctx: { jobId: string }) => Promise<void>;
  /** Cron expression (in the business time zone) that enqueues this job with an empty payload. */
  cron?: string;
  retryLimit?: number;
  expireInMinutes?: number;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export interface Jobs {
  register(...defs: JobDefinition[]): void;
  start(): Promise<void>;
  /** Enqueues a job; `singletonKey` makes a repeat with the same key a no-op while the first waits. */
  send<S extends z.ZodType>(
    def: JobDefinition<S>,
    data: z.infer<S>,
    opts?: { startAfter?: Date; singletonKey?: string },
  ): Promise<string | null>;
  /** Runs a job's handler now, in this process (tests, the admin "run now" button). */
  runNow<S extends z.ZodType>(def: JobDefinition<S>, data: z.infer<S>): Promise<void>;
  stop(): Promise<void>;
  readonly definitions: ReadonlyMap<string, JobDefinition>;
}

export function createJobs(deps: { database: Database; timezone: string; logger: FastifyBaseLogger; enabled: boolean }): Jobs {
  const definitions = new Map<string, JobDefinition>();
  let boss: PgBoss | undefined;

  const options: PgBoss.ConstructorOptions = {
    schema: 'pgboss',
    migrate: true,
    supervise: true,
    schedule: true,
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    deleteAfterDays: 14,
  };
  if (deps.database.bossDb) options.db = deps.database.bossDb;
  else options.connectionString = deps.database.connectionString!;
  if (deps.database.kind === 'postgres') options.max = 4;

  async function runHandler(def: JobDefinition, data: unknown, jobId: string): Promise<void> {
    const parsed = def.payload.parse(data ?? {});
    await def.handler(parsed, { jobId });
  }

  return {
    definitions,
    register(...defs) {
      for (const def of defs) {
        if (definitions.has(def.name)) throw new Error(`Job ${def.name} is registered twice`);
        definitions.set(def.name, def);
      }
    },
    async start() {
      if (!deps.enabled) return;
      boss = new PgBoss(options);
      boss.on('error', (err) => deps.logger.error({ err }, 'job queue error'));
      await boss.start();
      for (const def of definitions.values()) {
        const queue: PgBoss.Queue = { name: def.name, retryLimit: def.retryLimit ?? 3, retryBackoff: true };
        if (def.expireInMinutes) queue.expireInSeconds = def.expireInMinutes * 60;
        await boss.createQueue(def.name, queue);
        await boss.work(def.name, { batchSize: 1 }, async (batch) => {
          for (const job of batch) {
            const started = Date.now();
            try {
              await runHandler(def, job.data, job.id);
              deps.logger.info({ job: def.name, jobId: job.id, ms: Date.now() - started }, 'job done');
            } catch (err) {
              deps.logger.error({ err, job: def.name, jobId: job.id }, 'job failed');
              throw err;
            }
          }
        });
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: deps.timezone });
      }
    },
    async send(def, data, opts) {
      const payload = def.payload.parse(data) as object;
      if (!boss) {
        // Jobs are off in this process (CRM_JOBS=0): nothing would ever pick the job up.
        throw new Error(`Job queue is not running; cannot enqueue ${def.name}`);
      }
      const sendOptions: PgBoss.SendOptions = {};
      if (opts?.startAfter) sendOptions.startAfter = opts.startAfter;
      if (opts?.singletonKey) sendOptions.singletonKey = opts.singletonKey;
      return boss.send(def.name, payload, sendOptions);
    },
    async runNow(def, data) {
      await runHandler(def as JobDefinition, data, 'inline');
    },
    async stop() {
      if (boss) await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      boss = undefined;
    },
  };
}
