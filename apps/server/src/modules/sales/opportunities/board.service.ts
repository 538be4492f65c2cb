import type {
  TBoard,
  TBoardColumn,
  TBoardColumnQuery,
  TBoardQuery,
  TForecast,
  TForecastQuery,
  TPipelineSummary,
  TPipelineSummaryQuery,
} from '@crm/contracts';
import { z } from 'zod';
import { writeReadAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import { addDays, startOfBusinessDay, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { decodeCursor, encodeCursor } from '../../../kernel/http/pagination.ts';
import { money, sumMoney, toMoneyString } from '../../../kernel/money.ts';
import type { People } from '../../admin/index.ts';
import { buildForecast, COMMIT_PROBABILITY, periodMonths } from './forecast.ts';
import { toBoardCardDto } from './opportunity-dto.ts';
import type { CustomerLookup } from './opportunities.service.ts';
import * as repo from './opportunities.repository.ts';
import { loadStages } from './pipeline.service.ts';
import type { StageDef } from './stage-rules.ts';

const ZColumnCursor = z.tuple([z.string(), z.uuid()]);

/** Won and lost columns look back this far unless asked otherwise. */
export const CLOSED_LOOKBACK_DAYS = 90;

/** A period of won opportunities for performance: business dates, both included. */
export type WonPeriod = { from: string; to: string; userIds?: readonly string[] };
export type WonMeasure = { ownerId: string; departmentId: string; month: string; count: number; amount: string };

/** The kanban board, the pipeline summary, the forecast and the won measure for performance. */
export function createBoardService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries' | 'subtree' | 'departmentNames'>;
  customers: Pick<CustomerLookup, 'names'>;
  scopeOf: (actor: Actor) => repo.OpportunityFilter['scope'];
  scopePartsOf: (actor: Actor) => repo.BoardScope;
}) {
  const { db, clock } = deps;

  async function filterOf(actor: Actor, q: { ownerId?: string; departmentId?: string; q?: string }): Promise<repo.OpportunityFilter> {
    return {
      scope: deps.scopeOf(actor),
      scopeParts: deps.scopePartsOf(actor),
      q: q.q,
      ownerIds: q.ownerId ? [q.ownerId] : undefined,
      departmentIds: q.departmentId ? await deps.people.subtree(q.departmentId) : undefined,
    };
  }

  function closedSinceOf(date: string | undefined): { date: string; at: Date } {
    const d = date ?? addDays(clock.today(), -CLOSED_LOOKBACK_DAYS);
    return { date: d, at: startOfBusinessDay(d, clock.timezone) };
  }

  async function names(rows: repo.BoardCardRow[]) {
    const [owners, customers] = await Promise.all([
      deps.people.summaries(rows.map((r) => r.ownerId)),
      deps.customers.names(
        db,
        rows.map((r) => r.customerId),
      ),
    ]);
    return { owners, customers };
  }

  function cursorOf(row: repo.BoardCardRow, kind: StageDef['kind']): string {
    return encodeCursor([kind === 'open' ? row.expectedCloseDate : row.closedAt!.toISOString(), row.id]);
  }

  async function cards(filter: repo.OpportunityFilter, stage: StageDef, closedSince: Date, limit: number, after?: [string, string]) {
    const rows = await repo.firstCardsPerStage(db, filter, {
      kind: stage.kind === 'open' ? 'open' : 'closed',
      stageIds: [stage.id],
      closedSince,
      limit: limit + 1,
      after,
    });
    const shown = rows.slice(0, limit);
    return { rows: shown, nextCursor: rows.length > limit ? cursorOf(shown.at(-1)!, stage.kind) : null };
  }

  const totalsOf = (t: repo.StageTotalsRow | undefined) => ({
    count: t?.count ?? 0,
    amount: toMoneyString(t?.amount ?? 0),
    weightedAmount: toMoneyString(t?.weighted ?? 0),
  });

  return {
    async board(actor: Actor, query: TBoardQuery): Promise<TBoard> {
      const [stages, filter] = await Promise.all([loadStages(db), filterOf(actor, query)]);
      const closedSince = closedSinceOf(query.closedSince);
      const totals = new Map((await repo.stageTotals(db, filter, closedSince.at)).map((t) => [t.stageId, t]));
      const firstCards = async (kind: 'open' | 'closed') => {
        const stageIds = stages.filter((s) => (kind === 'open') === (s.kind === 'open')).map((s) => s.id);
        return repo.firstCardsPerStage(db, filter, { kind, stageIds, closedSince: closedSince.at, limit: query.limit + 1 });
      };
      const byStage = new Map<string, repo.BoardCardRow[]>();
      for (const row of (await Promise.all([firstCards('open'), firstCards('closed')])).flat()) {
        const rows = byStage.get(row.stageId);
        if (rows) rows.push(row);
        else byStage.set(row.stageId, [row]);
      }
      const columnCards = stages.map((s) => {
        const rows = byStage.get(s.id) ?? [];
        const shown = rows.slice(0, query.limit);
        return { rows: shown, nextCursor: rows.length > query.limit ? cursorOf(shown.at(-1)!, s.kind) : null };
      });
      const n = await names(columnCards.flatMap((c) => c.rows));
      await writeReadAudit(db, actor, { action: 'opportunity.board', entityType: 'opportunity', meta: { filter: { ...query } } });
      const columns: TBoardColumn[] = stages.map((s, i) => ({
        stageId: s.id,
        stage: s,
        ...totalsOf(totals.get(s.id)),
        cards: columnCards[i]!.rows.map((r) => toBoardCardDto(r, n)),
        nextCursor: columnCards[i]!.nextCursor,
      }));
      return { columns, closedSince: closedSince.date };
    },

    /** More cards of one column, after the cursor of the previous load. */
    async column(actor: Actor, query: TBoardColumnQuery): Promise<{ cards: TBoardColumn['cards']; nextCursor: string | null }> {
      const [stages, filter] = await Promise.all([loadStages(db), filterOf(actor, query)]);
      const stage = stages.find((s) => s.id === query.stageId);
      if (!stage) return { cards: [], nextCursor: null };
      const after = decodeCursor(query.cursor, ZColumnCursor);
      const page = await cards(filter, stage, closedSinceOf(query.closedSince).at, query.limit, after);
      const n = await names(page.rows);
      return { cards: page.rows.map((r) => toBoardCardDto(r, n)), nextCursor: page.nextCursor };
    },

    async summary(actor: Actor, query: TPipelineSummaryQuery): Promise<TPipelineSummary> {
      const [stages, filter] = await Promise.all([loadStages(db), filterOf(actor, query)]);
      const closedSince = closedSinceOf(query.closedSince);
      const totals = new Map((await repo.stageTotals(db, filter, closedSince.at)).map((t) => [t.stageId, t]));
      await writeReadAudit(db, actor, {
        action: 'opportunity.pipeline_summary',
        entityType: 'opportunity',
        meta: { filter: { ...query } },
      });
      const open = stages.filter((s) => s.kind === 'open').map((s) => totals.get(s.id));
      return {
        stages: stages.map((s) => ({ stageId: s.id, stage: s, ...totalsOf(totals.get(s.id)) })),
        open: {
          count: open.reduce((n, t) => n + (t?.count ?? 0), 0),
          amount: toMoneyString(sumMoney(open.map((t) => t?.amount ?? 0))),
          weightedAmount: toMoneyString(sumMoney(open.map((t) => t?.weighted ?? 0))),
        },
        closedSince: closedSince.date,
      };
    },

    async forecast(actor: Actor, query: TForecastQuery): Promise<TForecast> {
      const filter = await filterOf(actor, query);
      const { from, to } = periodMonths(query.period);
      const [open, won] = await Promise.all([
        repo.openByOwnerMonth(db, filter, from, to, COMMIT_PROBABILITY),
        repo.wonByOwnerMonth(db, filter, from, to),
      ]);
      const owners = await deps.people.summaries([...open, ...won].map((r) => r.ownerId));
      await writeReadAudit(db, actor, { action: 'opportunity.forecast', entityType: 'opportunity', meta: { filter: { ...query } } });
      return buildForecast({
        period: query.period,
        currency: 'CNY',
        open,
        won,
        ownerNames: new Map([...owners].map(([id, u]) => [id, u.displayName])),
      });
    },

    /**
     * Opportunities won in [from, to] (business dates in the business time zone, both included), per
     * owner, department and month ('2026-11'), optionally for some owners only. No data scope: the
     * caller (targets and performance) applies its own.
     */
    async measureWon(tx: Db, period: WonPeriod): Promise<WonMeasure[]> {
      if (period.userIds && period.userIds.length === 0) return [];
      const rows = await repo.wonByOwnerMonth(
        tx,
        { scope: undefined, ownerIds: period.userIds ? [...period.userIds] : undefined },
        period.from,
        addDays(period.to, 1),
      );
      return rows.map((r) => ({ ...r, amount: toMoneyString(money(r.amount)) }));
    },
  };
}
export type BoardService = ReturnType<typeof createBoardService>;
