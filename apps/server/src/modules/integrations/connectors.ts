import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { CallLog, ConnectorKit } from '../../integrations/connector-kit.ts';
import { createRateLimiter, type RateRule, type RateWindowStore } from '../../integrations/rate-limiter.ts';
import * as repo from './integrations.repository.ts';

/** An external system as the health view lists it. */
export type ConnectorDescriptor = {
  system: string;
  mode: 'simulated' | 'real';
  /** Whether an address and keys are set (otherwise every call fails with `not_configured`). */
  configured: boolean;
  rules: readonly RateRule[];
  /** How long an ordinary caller waits for a slot before the call fails as rate limited. */
  maxWaitMs: number;
};

/** Rate windows in the database: shared by every node that calls the same system. */
export function databaseWindowStore(db: Db): RateWindowStore {
  return {
    take: (key, limit) => repo.takeWindowSlot(db, key, limit),
    giveBack: (key) => repo.giveBackWindowSlot(db, key),
  };
}

function databaseCallLog(deps: { db: Db; system: string; logger: FastifyBaseLogger }): CallLog {
  return {
    async record(entry) {
      try {
        await repo.insertCall(deps.db, {
          system: deps.system,
          operation: entry.operation,
          startedAt: entry.startedAt,
          durationMs: Math.max(0, Math.round(entry.durationMs)),
          outcome: entry.outcome,
          statusCode: entry.statusCode,
          errorKind: entry.errorKind,
          message: entry.message?.slice(0, 500) ?? null,
          callerId: entry.caller?.id ?? null,
          caller: entry.caller?.name ?? null,
          reference: entry.reference,
        });
      } catch (err) {
        // The call itself went through (or failed on its own): a log that cannot be written is not its failure.
        deps.logger.warn({ err, system: deps.system, operation: entry.operation }, 'integration call could not be logged');
      }
    },
  };
}

/** The connectors known to this server, each with its call log and rate limiter. */
export function createConnectorRegistry(deps: { db: Db; clock: Clock; logger: FastifyBaseLogger }) {
  const descriptors = new Map<string, ConnectorDescriptor>();
  const store = databaseWindowStore(deps.db);
  return {
    /** A connector announces itself and gets its kit. */
    kitFor(descriptor: ConnectorDescriptor): ConnectorKit {
      descriptors.set(descriptor.system, descriptor);
      return {
        log: databaseCallLog({ db: deps.db, system: descriptor.system, logger: deps.logger }),
        limiter: createRateLimiter({
          system: descriptor.system,
          rules: descriptor.rules,
          store,
          defaultMaxWaitMs: descriptor.maxWaitMs,
        }),
        now: () => deps.clock.now(),
      };
    },
    descriptors: (): ConnectorDescriptor[] => [...descriptors.values()],
  };
}
export type ConnectorRegistry = ReturnType<typeof createConnectorRegistry>;
