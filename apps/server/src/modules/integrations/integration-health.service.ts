import type {
  TIntegrationCall,
  TIntegrationCallListQuery,
  TIntegrationHealth,
  TIntegrationOverview,
  TIntegrationStats,
  TPage,
} from '@crm/contracts';
import { z } from 'zod';
import { writeListAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { decodeCursor, iso, toPage } from '../../kernel/http/pagination.ts';
import type { People } from '../admin/index.ts';
import type { ConnectorRegistry } from './connectors.ts';
import { FAILING_STREAK, integrationState } from './integration-state.ts';
import * as repo from './integrations.repository.ts';

const HOUR = 3_600_000;
const ZCursor = z.tuple([z.iso.datetime(), z.number().int()]);

const noStats: Omit<repo.CallStatsRow, 'system'> = { calls: 0, errors: 0, limited: 0, p95Ms: null, avgMs: null, lastCallAt: null };

function toStats(row: Omit<repo.CallStatsRow, 'system'>): TIntegrationStats {
  return {
    calls: row.calls,
    errors: row.errors,
    limited: row.limited,
    errorRate: row.calls > 0 ? row.errors / row.calls : null,
    p95Ms: row.p95Ms,
    avgMs: row.avgMs,
  };
}

/** 集成健康: how each external system answered over the last hour and day, and its latest calls. */
export function createIntegrationHealthService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries'>;
  connectors: Pick<ConnectorRegistry, 'descriptors'>;
}) {
  const { db, clock } = deps;

  async function toCallDtos(rows: repo.IntegrationCallRow[]): Promise<TIntegrationCall[]> {
    const names = await deps.people.summaries(rows.map((r) => r.callerId));
    return rows.map((r) => ({
      id: r.id,
      system: r.system,
      operation: r.operation,
      startedAt: iso(r.startedAt),
      durationMs: r.durationMs,
      outcome: r.outcome,
      statusCode: r.statusCode,
      errorKind: r.errorKind,
      message: r.message,
      caller: r.caller,
      callerName: r.callerId ? (names.get(r.callerId)?.displayName ?? null) : null,
      reference: r.reference,
    }));
  }

  return {
    /** Every connector this server runs, plus any other system that logged calls in the last day. */
    async overview(): Promise<TIntegrationOverview> {
      const now = clock.now();
      const [hour, day] = await Promise.all([
        repo.callStats(db, new Date(now.getTime() - HOUR)),
        repo.callStats(db, new Date(now.getTime() - 24 * HOUR)),
      ]);
      const descriptors = deps.connectors.descriptors();
      const systems = [...new Set([...descriptors.map((d) => d.system), ...day.map((d) => d.system)])].sort();
      const items: TIntegrationHealth[] = [];
      for (const system of systems) {
        const descriptor = descriptors.find((d) => d.system === system);
        const h = hour.find((r) => r.system === system) ?? { system, ...noStats };
        const d = day.find((r) => r.system === system) ?? { system, ...noStats };
        const [latest, lastError] = await Promise.all([repo.latestReachedCalls(db, system, FAILING_STREAK), repo.latestError(db, system)]);
        items.push({
          system,
          mode: descriptor?.mode ?? 'real',
          state: integrationState({ configured: descriptor?.configured ?? true, latest, lastHour: h, lastDay: d }),
          limits: (descriptor?.rules ?? []).filter((r) => r.limit > 0).map((r) => ({ limit: r.limit, windowMs: r.windowMs })),
          lastCallAt: iso(d.lastCallAt ?? latest[0]?.startedAt ?? null),
          lastError: lastError ? (await toCallDtos([lastError]))[0]! : null,
          lastHour: toStats(h),
          lastDay: toStats(d),
        });
      }
      return { items, at: now.toISOString() };
    },

    /** One system's calls, newest first. */
    async listCalls(actor: Actor, system: string, query: TIntegrationCallListQuery): Promise<TPage<TIntegrationCall>> {
      const cursor = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listCalls(db, {
        system,
        outcome: query.outcome,
        limit: query.limit + 1,
        before: cursor ? { startedAt: new Date(cursor[0]), id: cursor[1] } : undefined,
      });
      await writeListAudit(db, actor, { action: 'integration.calls.list', entityType: 'integration_call' }, { ...query, system });
      const page = toPage(
        rows,
        query.limit,
        (r) => [r.startedAt.toISOString(), r.id],
        (r) => r,
      );
      return { items: await toCallDtos(page.items), nextCursor: page.nextCursor };
    },
  };
}
export type IntegrationHealthService = ReturnType<typeof createIntegrationHealthService>;
