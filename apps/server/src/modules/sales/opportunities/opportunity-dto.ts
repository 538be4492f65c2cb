import type { TBoardCard, TOpportunity, TOpportunitySummary, TStageChange } from '@crm/contracts';
import { iso } from '../../../kernel/http/pagination.ts';
import { toMoneyString } from '../../../kernel/money.ts';
import { weightedAmount } from './forecast.ts';
import type * as repo from './opportunities.repository.ts';
import type { StageDef } from './stage-rules.ts';

/** Names that a page of opportunities shows beside the ids, read once per page. */
export type DtoNames = {
  stages: ReadonlyMap<string, StageDef>;
  owners: ReadonlyMap<string, { displayName: string }>;
  departments: ReadonlyMap<string, string>;
  customers: ReadonlyMap<string, string>;
};

const money = (v: string | null) => (v === null ? null : toMoneyString(v));

/** A kanban card of the columns `boardCardColumns` reads. */
export function toBoardCardDto(row: repo.BoardCardRow, names: Pick<DtoNames, 'owners' | 'customers'>): TBoardCard {
  return {
    id: row.id,
    name: row.name,
    customerId: row.customerId,
    customerName: names.customers.get(row.customerId) ?? null,
    ownerId: row.ownerId,
    ownerName: names.owners.get(row.ownerId)?.displayName ?? null,
    amount: toMoneyString(row.amount),
    currency: row.currency,
    expectedCloseDate: row.expectedCloseDate,
    stageId: row.stageId,
    stageKind: row.stageKind,
    probability: row.probability,
    isTender: row.isTender,
    wonDate: row.wonDate,
    closedAt: iso(row.closedAt),
    version: row.version,
  };
}

export function toSummaryDto(row: repo.OpportunityRow, names: DtoNames): TOpportunitySummary {
  return {
    ...toBoardCardDto(row, names),
    departmentId: row.departmentId,
    departmentName: names.departments.get(row.departmentId) ?? null,
    stageCode: names.stages.get(row.stageId)?.code ?? '',
    stageEnteredAt: iso(row.stageEnteredAt),
    probabilityOverridden: row.probabilityOverridden,
    weightedAmount: weightedAmount(row.amount, row.probability),
    source: row.source,
    leadId: row.leadId,
    tenderNumber: row.tenderNumber,
    bidOpeningDate: row.bidOpeningDate,
    closeReasonCode: row.closeReasonCode,
    closeReason: row.closeReason,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function toOpportunityDto(row: repo.OpportunityRow, lines: repo.LineRow[], names: DtoNames): TOpportunity {
  const { tenderNumber: _n, bidOpeningDate: _d, ...summary } = toSummaryDto(row, names);
  return {
    ...summary,
    description: row.description,
    tender: {
      tenderNumber: row.tenderNumber,
      bidOpeningDate: row.bidOpeningDate,
      bidBondAmount: money(row.bidBondAmount),
      bidBondReturned: row.bidBondReturned,
      result: row.tenderResult,
      awardNoticeFileId: row.awardNoticeFileId,
      awardNoticeName: row.awardNoticeName,
    },
    competitors: row.competitors.map((c) => ({
      name: c.name,
      strengths: c.strengths ?? null,
      weaknesses: c.weaknesses ?? null,
      quotedPrice: c.quotedPrice ?? null,
    })),
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      materialCode: l.materialCode,
      productName: l.productName,
      quantity: trimDecimal(l.quantity),
      unitPrice: trimDecimal(l.unitPrice, 2),
      amount: toMoneyString(l.amount),
    })),
  };
}

/** "12.500000" → "12.50" (at least `minScale` decimals, no trailing zeros beyond). */
export function trimDecimal(value: string, minScale = 0): string {
  if (!value.includes('.')) return minScale > 0 ? `${value}.${'0'.repeat(minScale)}` : value;
  const [int, frac = ''] = value.split('.');
  let f = frac.replace(/0+$/, '');
  if (f.length < minScale) f = f.padEnd(minScale, '0');
  return f.length > 0 ? `${int}.${f}` : int!;
}

export function toStageChangeDtos(
  rows: repo.StageChangeRow[],
  stages: ReadonlyMap<string, StageDef>,
  people: ReadonlyMap<string, { displayName: string }>,
): TStageChange[] {
  return rows.map((r, i) => {
    const prev = i > 0 ? rows[i - 1] : undefined;
    return {
      id: r.id,
      fromStageId: r.fromStageId,
      fromStageCode: r.fromStageId ? (stages.get(r.fromStageId)?.code ?? null) : null,
      toStageId: r.toStageId,
      toStageCode: stages.get(r.toStageId)?.code ?? '',
      at: iso(r.at),
      byId: r.byId,
      byName: r.byId ? (people.get(r.byId)?.displayName ?? null) : null,
      amount: toMoneyString(r.amount),
      probability: r.probability,
      reasonCode: r.reasonCode,
      reason: r.reason,
      daysInFromStage: prev ? Math.floor((r.at.getTime() - prev.at.getTime()) / 86_400_000) : null,
    };
  });
}
