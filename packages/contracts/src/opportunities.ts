import { z } from 'zod';
import { ZBusinessDate, ZDateTime, ZDecimal, ZId, ZListQuery, ZMoney, ZVersion } from './common.ts';

/* ------------------------------------------------------------------ pipeline (商机阶段) */

export const ZStageKindValues = ['open', 'won', 'lost'] as const;
export const ZStageKind = z.enum(ZStageKindValues);
export type TStageKind = z.infer<typeof ZStageKind>;

export const ZOpportunityStage = z.object({
  id: ZId,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** Order in the pipeline, from 1. */
  position: z.number().int(),
  /** Win probability in percent (0–100) that an opportunity gets on entering the stage. */
  probability: z.number().int().min(0).max(100),
  kind: ZStageKind,
  /** Moving forward past this stage without ever having been in it is refused. */
  isRequired: z.boolean(),
  /** Like `isRequired`, for tender opportunities only (e.g. 投标). */
  isRequiredForTender: z.boolean(),
  /** A tender opportunity enters this stage only with its tender number and bid opening date. */
  requiresTenderInfo: z.boolean(),
});
export type TOpportunityStage = z.infer<typeof ZOpportunityStage>;

export const ZPipeline = z.object({
  stages: z.array(ZOpportunityStage),
  version: ZVersion,
  updatedAt: ZDateTime.nullable(),
  updatedByName: z.string().nullable(),
});
export type TPipeline = z.infer<typeof ZPipeline>;

const ZStageCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'stage_code');

export const ZPipelineStageInput = z.strictObject({
  /** An existing stage keeps its id; a new one has none. */
  id: ZId.optional(),
  code: ZStageCode,
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(40),
  probability: z.number().int().min(0).max(100),
  kind: ZStageKind,
  isRequired: z.boolean().default(false),
  isRequiredForTender: z.boolean().default(false),
  requiresTenderInfo: z.boolean().default(false),
});
export type TPipelineStageInput = z.infer<typeof ZPipelineStageInput>;

/** The whole pipeline in its new order; stages left out are removed (only when no opportunity is in them). */
export const ZUpdatePipeline = z.strictObject({
  version: ZVersion,
  stages: z.array(ZPipelineStageInput).min(3).max(20),
});
export type TUpdatePipeline = z.infer<typeof ZUpdatePipeline>;

/* ------------------------------------------------------------------ reasons, tender */

/** Why an opportunity was lost (输单原因). */
export const ZLostReasonValues = ['price', 'technology', 'relationship', 'competitor', 'budget_cancelled', 'no_decision', 'other'] as const;
/** Why an opportunity was won (赢单原因). */
export const ZWonReasonValues = ['price', 'technology', 'relationship', 'service', 'brand', 'other'] as const;
export const ZCloseReasonCode = z.enum([...new Set([...ZLostReasonValues, ...ZWonReasonValues])] as [string, ...string[]]);
export type TCloseReasonCode = z.infer<typeof ZCloseReasonCode>;

export const ZTenderResultValues = ['pending', 'won', 'lost', 'cancelled'] as const;
export const ZTenderResult = z.enum(ZTenderResultValues);
export type TTenderResult = z.infer<typeof ZTenderResult>;

export const ZOpportunitySourceValues = [
  'lead',
  'tender_notice',
  'referral',
  'existing_customer',
  'exhibition',
  'website',
  'other',
] as const;

export const ZTenderInfo = z.object({
  tenderNumber: z.string().nullable(),
  bidOpeningDate: ZBusinessDate.nullable(),
  bidBondAmount: ZMoney.nullable(),
  bidBondReturned: z.boolean(),
  result: ZTenderResult,
  /** The bid-award notice (中标通知书), a stored file. */
  awardNoticeFileId: ZId.nullable(),
  awardNoticeName: z.string().nullable(),
});
export type TTenderInfo = z.infer<typeof ZTenderInfo>;

export const ZTenderInfoInput = z.strictObject({
  tenderNumber: z.string().trim().max(60).nullable().optional(),
  bidOpeningDate: ZBusinessDate.nullable().optional(),
  bidBondAmount: ZMoney.nullable().optional(),
  bidBondReturned: z.boolean().optional(),
  result: ZTenderResult.optional(),
  /** A file uploaded through `POST /api/v1/files` (PDF or image). */
  awardNoticeFileId: ZId.nullable().optional(),
});
export type TTenderInfoInput = z.infer<typeof ZTenderInfoInput>;

export const ZCompetitor = z.strictObject({
  name: z.string().trim().min(1).max(100),
  strengths: z.string().trim().max(500).nullable().optional(),
  weaknesses: z.string().trim().max(500).nullable().optional(),
  quotedPrice: ZMoney.nullable().optional(),
});
export type TCompetitor = z.infer<typeof ZCompetitor>;

export const ZOpportunityLine = z.object({
  id: ZId,
  productId: ZId,
  materialCode: z.string().nullable(),
  productName: z.string(),
  quantity: ZDecimal,
  unitPrice: ZDecimal,
  amount: ZMoney,
});
export type TOpportunityLine = z.infer<typeof ZOpportunityLine>;

export const ZOpportunityLineInput = z.strictObject({
  productId: ZId,
  quantity: ZDecimal.refine((v) => Number(v) > 0, 'positive'),
  unitPrice: ZDecimal.refine((v) => Number(v) >= 0, 'not_negative'),
});
export type TOpportunityLineInput = z.infer<typeof ZOpportunityLineInput>;

/* ------------------------------------------------------------------ opportunity */

export const ZOpportunity = z.object({
  id: ZId,
  name: z.string(),
  customerId: ZId,
  customerName: z.string().nullable(),
  ownerId: ZId,
  ownerName: z.string().nullable(),
  departmentId: ZId,
  departmentName: z.string().nullable(),
  amount: ZMoney,
  currency: z.string(),
  expectedCloseDate: ZBusinessDate,
  stageId: ZId,
  stageCode: z.string(),
  stageKind: ZStageKind,
  stageEnteredAt: ZDateTime,
  probability: z.number().int(),
  probabilityOverridden: z.boolean(),
  /** amount × probability / 100, to the fen. */
  weightedAmount: ZMoney,
  source: z.string().nullable(),
  leadId: ZId.nullable(),
  isTender: z.boolean(),
  tender: ZTenderInfo,
  competitors: z.array(ZCompetitor),
  lines: z.array(ZOpportunityLine),
  /** Set when the opportunity reached a won or lost stage. */
  closedAt: ZDateTime.nullable(),
  /** The business date (Asia/Shanghai) the opportunity was won. */
  wonDate: ZBusinessDate.nullable(),
  closeReasonCode: z.string().nullable(),
  closeReason: z.string().nullable(),
  description: z.string().nullable(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TOpportunity = z.infer<typeof ZOpportunity>;

/** A list row / kanban card: the opportunity without its lines, competitors and tender details. */
export const ZOpportunitySummary = ZOpportunity.omit({ lines: true, competitors: true, tender: true, description: true }).extend({
  tenderNumber: z.string().nullable(),
  bidOpeningDate: ZBusinessDate.nullable(),
});
export type TOpportunitySummary = z.infer<typeof ZOpportunitySummary>;

const opportunityFields = {
  name: z.string().trim().min(2).max(200),
  customerId: ZId,
  amount: ZMoney.refine((v) => !v.startsWith('-'), 'not_negative'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/),
  expectedCloseDate: ZBusinessDate,
  /** A probability other than the stage's (kept until the stage changes); null returns to the stage's. */
  probability: z.number().int().min(0).max(100).nullable(),
  source: z.string().trim().max(60).nullable(),
  isTender: z.boolean(),
  tender: ZTenderInfoInput,
  competitors: z.array(ZCompetitor).max(20),
  lines: z.array(ZOpportunityLineInput).max(200),
  description: z.string().trim().max(2000).nullable(),
};

export const ZCreateOpportunity = z.strictObject({
  ...opportunityFields,
  amount: opportunityFields.amount.default('0.00'),
  currency: opportunityFields.currency.default('CNY'),
  probability: opportunityFields.probability.optional(),
  source: opportunityFields.source.optional(),
  isTender: opportunityFields.isTender.default(false),
  tender: opportunityFields.tender.optional(),
  competitors: opportunityFields.competitors.optional(),
  lines: opportunityFields.lines.optional(),
  description: opportunityFields.description.optional(),
  /** The first open stage when not given; a won or lost stage cannot be the start. */
  stageId: ZId.optional(),
  /** The actor when not given; another owner needs `opportunity:assign`. */
  ownerId: ZId.optional(),
  leadId: ZId.nullable().optional(),
});
export type TCreateOpportunity = z.input<typeof ZCreateOpportunity>;
export type TCreateOpportunityParsed = z.output<typeof ZCreateOpportunity>;

export const ZUpdateOpportunity = z.strictObject({
  name: opportunityFields.name.optional(),
  customerId: opportunityFields.customerId.optional(),
  amount: opportunityFields.amount.optional(),
  currency: opportunityFields.currency.optional(),
  expectedCloseDate: opportunityFields.expectedCloseDate.optional(),
  probability: opportunityFields.probability.optional(),
  source: opportunityFields.source.optional(),
  isTender: opportunityFields.isTender.optional(),
  tender: opportunityFields.tender.optional(),
  competitors: opportunityFields.competitors.optional(),
  lines: opportunityFields.lines.optional(),
  description: opportunityFields.description.optional(),
  /** Another owner needs `opportunity:assign`; the department follows the owner. */
  ownerId: ZId.optional(),
  version: ZVersion,
});
export type TUpdateOpportunity = z.infer<typeof ZUpdateOpportunity>;

export const ZMoveStage = z
  .strictObject({
    stageId: ZId.optional(),
    /** The stage's code, as an alternative to its id. */
    stage: z.string().trim().max(40).optional(),
    version: ZVersion,
    reasonCode: ZCloseReasonCode.optional(),
    /** Free text: why won or lost, or why an opportunity is reopened. */
    reason: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.stageId !== undefined || v.stage !== undefined, { path: ['stage'], message: 'required' });
export type TMoveStage = z.infer<typeof ZMoveStage>;

export const ZStageChange = z.object({
  id: ZId,
  fromStageId: ZId.nullable(),
  fromStageCode: z.string().nullable(),
  toStageId: ZId,
  toStageCode: z.string(),
  at: ZDateTime,
  byId: ZId.nullable(),
  byName: z.string().nullable(),
  amount: ZMoney,
  probability: z.number().int(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  /** Days spent in the stage that was left (null for the first entry). */
  daysInFromStage: z.number().int().nullable(),
});
export type TStageChange = z.infer<typeof ZStageChange>;

/* ------------------------------------------------------------------ lists, board, summary, forecast */

export const ZOpportunitySortValues = [
  'createdAt',
  '-createdAt',
  'expectedCloseDate',
  '-expectedCloseDate',
  'amount',
  '-amount',
  'updatedAt',
  '-updatedAt',
] as const;

const ZIdList = z
  .array(ZId)
  .max(50)
  .or(ZId.transform((id) => [id]));

export const ZOpportunityListQuery = ZListQuery.extend({
  q: z.string().trim().max(100).optional(),
  ownerId: ZIdList.optional(),
  /** The department and its whole subtree. */
  departmentId: ZId.optional(),
  stageId: ZIdList.optional(),
  stageKind: ZStageKind.optional(),
  customerId: ZId.optional(),
  isTender: z.enum(['true', 'false']).optional(),
  expectedCloseFrom: ZBusinessDate.optional(),
  expectedCloseTo: ZBusinessDate.optional(),
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(ZOpportunitySortValues).default('-createdAt'),
});
export type TOpportunityListQuery = z.infer<typeof ZOpportunityListQuery>;

/** Kanban scope: the actor's own scope, narrowed to an owner or a department subtree. */
export const ZBoardQuery = z.object({
  ownerId: ZId.optional(),
  departmentId: ZId.optional(),
  q: z.string().trim().max(100).optional(),
  /** Cards per column on the first load. */
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Won and lost columns show what closed on or after this date (default: 90 days ago). */
  closedSince: ZBusinessDate.optional(),
});
export type TBoardQuery = z.infer<typeof ZBoardQuery>;

export const ZBoardColumnQuery = ZBoardQuery.extend({ stageId: ZId, cursor: z.string().max(500).optional() });
export type TBoardColumnQuery = z.infer<typeof ZBoardColumnQuery>;

export const ZStageTotals = z.object({
  stageId: ZId,
  count: z.number().int(),
  amount: ZMoney,
  weightedAmount: ZMoney,
});
export type TStageTotals = z.infer<typeof ZStageTotals>;

/** A kanban card: what the card shows and what a move needs (the full record is a click away). */
export const ZBoardCard = ZOpportunitySummary.pick({
  id: true,
  name: true,
  customerId: true,
  customerName: true,
  ownerId: true,
  ownerName: true,
  amount: true,
  currency: true,
  expectedCloseDate: true,
  stageId: true,
  stageKind: true,
  probability: true,
  isTender: true,
  wonDate: true,
  closedAt: true,
  version: true,
});
export type TBoardCard = z.infer<typeof ZBoardCard>;

export const ZBoardColumn = ZStageTotals.extend({
  stage: ZOpportunityStage,
  cards: z.array(ZBoardCard),
  /** Cursor for the next cards of this column (`GET /api/v1/opportunities/board/column`). */
  nextCursor: z.string().nullable(),
});
export type TBoardColumn = z.infer<typeof ZBoardColumn>;

export const ZBoard = z.object({ columns: z.array(ZBoardColumn), closedSince: ZBusinessDate });
export type TBoard = z.infer<typeof ZBoard>;

export const ZPipelineSummaryQuery = z.object({
  ownerId: ZId.optional(),
  departmentId: ZId.optional(),
  /** Won and lost stages count what closed on or after this date (default: 90 days ago). */
  closedSince: ZBusinessDate.optional(),
});
export type TPipelineSummaryQuery = z.infer<typeof ZPipelineSummaryQuery>;

export const ZPipelineSummary = z.object({
  stages: z.array(ZStageTotals.extend({ stage: ZOpportunityStage })),
  /** Totals of the open stages. */
  open: ZStageTotals.omit({ stageId: true }),
  closedSince: ZBusinessDate,
});
export type TPipelineSummary = z.infer<typeof ZPipelineSummary>;

/** `2026`, `2026-Q4` or `2026-11`. */
export const ZPeriod = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'period');

export const ZForecastQuery = z.object({
  period: ZPeriod,
  ownerId: ZId.optional(),
  departmentId: ZId.optional(),
});
export type TForecastQuery = z.infer<typeof ZForecastQuery>;

export const ZForecastFigures = z.object({
  /** Open opportunities expected to close in the month (count and unweighted amount). */
  openCount: z.number().int(),
  pipelineAmount: ZMoney,
  /** Won in the month + Σ open amount × probability. */
  weightedAmount: ZMoney,
  /** Won in the month + open at or above the commit probability. */
  committedAmount: ZMoney,
  wonCount: z.number().int(),
  wonAmount: ZMoney,
});
export type TForecastFigures = z.infer<typeof ZForecastFigures>;

export const ZForecast = z.object({
  period: z.string(),
  months: z.array(z.string()),
  /** Open opportunities at or above this probability count as committed. */
  commitProbability: z.number().int(),
  currency: z.string(),
  byMonth: z.array(ZForecastFigures.extend({ month: z.string() })),
  byOwner: z.array(
    ZForecastFigures.extend({
      ownerId: ZId,
      ownerName: z.string().nullable(),
      months: z.array(ZForecastFigures.extend({ month: z.string() })),
    }),
  ),
  total: ZForecastFigures,
});
export type TForecast = z.infer<typeof ZForecast>;

/** Problem codes of a refused stage move (each names the rule); the web app shows the message and snaps the card back. */
export const OpportunityStageRule = {
  STAGE_REQUIRED_SKIPPED: 'STAGE_REQUIRED_SKIPPED',
  STAGE_TENDER_INFO_REQUIRED: 'STAGE_TENDER_INFO_REQUIRED',
  STAGE_WON_AMOUNT_REQUIRED: 'STAGE_WON_AMOUNT_REQUIRED',
  STAGE_WON_TENDER_RESULT_REQUIRED: 'STAGE_WON_TENDER_RESULT_REQUIRED',
  STAGE_WON_AWARD_NOTICE_REQUIRED: 'STAGE_WON_AWARD_NOTICE_REQUIRED',
  STAGE_LOST_REASON_REQUIRED: 'STAGE_LOST_REASON_REQUIRED',
  STAGE_REOPEN_FORBIDDEN: 'STAGE_REOPEN_FORBIDDEN',
  STAGE_REOPEN_REASON_REQUIRED: 'STAGE_REOPEN_REASON_REQUIRED',
  STAGE_UNCHANGED: 'STAGE_UNCHANGED',
} as const;
export type TOpportunityStageRule = (typeof OpportunityStageRule)[keyof typeof OpportunityStageRule];
