import { ZLostReasonValues, ZWonReasonValues, type TStageKind } from '@crm/contracts';
import { Decimal } from 'decimal.js';

export type StageDef = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  position: number;
  probability: number;
  kind: TStageKind;
  isRequired: boolean;
  isRequiredForTender: boolean;
  requiresTenderInfo: boolean;
};

/** What the rules look at of an opportunity. */
export type StageSubject = {
  isTender: boolean;
  amount: string;
  tenderNumber: string | null;
  bidOpeningDate: string | null;
  tenderResult: 'pending' | 'won' | 'lost' | 'cancelled';
  awardNoticeFileId: string | null;
};

export type StageMove = {
  /** The whole pipeline, any order. */
  stages: readonly StageDef[];
  from: StageDef;
  to: StageDef;
  /** Stages the opportunity has been in (its stage history, the current stage included). */
  visited: ReadonlySet<string>;
  subject: StageSubject;
  reasonCode?: string;
  reason?: string;
  /** The actor may reopen won and lost opportunities. */
  canReopen: boolean;
};

export type StageRefusal = { rule: string; stage?: StageDef };

const LOST_REASONS: ReadonlySet<string> = new Set(ZLostReasonValues);
const WON_REASONS: ReadonlySet<string> = new Set(ZWonReasonValues);

/** A required stage (for tenders too, when it is one) that a forward move passes without ever having been in it. */
export function skippedRequiredStage(move: Pick<StageMove, 'stages' | 'from' | 'to' | 'visited' | 'subject'>): StageDef | undefined {
  const { from, to } = move;
  if (from.kind !== 'open' || to.kind === 'lost' || to.position <= from.position) return undefined;
  return [...move.stages]
    .sort((a, b) => a.position - b.position)
    .find(
      (s) =>
        s.kind === 'open' &&
        s.position > from.position &&
        s.position < to.position &&
        (s.isRequired || (s.isRequiredForTender && move.subject.isTender)) &&
        !move.visited.has(s.id),
    );
}

/**
 * The first rule a stage move breaks, or undefined when the move is allowed. Rules in order:
 * reopening a closed opportunity (permission and reason), required stages not skipped forward,
 * tender info before a stage that needs it, won (amount; for tenders a won result and the award
 * notice), lost (a reason code; text when "other").
 */
export function checkStageMove(move: StageMove): StageRefusal | undefined {
  const { from, to, subject } = move;
  if (from.id === to.id) return { rule: 'STAGE_UNCHANGED', stage: to };
  if (from.kind !== 'open') {
    if (!move.canReopen) return { rule: 'STAGE_REOPEN_FORBIDDEN', stage: from };
    if (!move.reason?.trim()) return { rule: 'STAGE_REOPEN_REASON_REQUIRED', stage: from };
  }
  const skipped = skippedRequiredStage(move);
  if (skipped) return { rule: 'STAGE_REQUIRED_SKIPPED', stage: skipped };
  if (to.requiresTenderInfo && subject.isTender && (!subject.tenderNumber?.trim() || !subject.bidOpeningDate)) {
    return { rule: 'STAGE_TENDER_INFO_REQUIRED', stage: to };
  }
  if (to.kind === 'won') {
    if (!new Decimal(subject.amount || '0').greaterThan(0)) return { rule: 'STAGE_WON_AMOUNT_REQUIRED', stage: to };
    if (subject.isTender && (subject.tenderResult === 'lost' || subject.tenderResult === 'cancelled')) {
      return { rule: 'STAGE_WON_TENDER_RESULT_REQUIRED', stage: to };
    }
    if (subject.isTender && !subject.awardNoticeFileId) return { rule: 'STAGE_WON_AWARD_NOTICE_REQUIRED', stage: to };
    if (move.reasonCode && !WON_REASONS.has(move.reasonCode)) return { rule: 'STAGE_REASON_CODE_INVALID', stage: to };
  }
  if (to.kind === 'lost') {
    if (!move.reasonCode) return { rule: 'STAGE_LOST_REASON_REQUIRED', stage: to };
    if (!LOST_REASONS.has(move.reasonCode)) return { rule: 'STAGE_REASON_CODE_INVALID', stage: to };
    if (move.reasonCode === 'other' && !move.reason?.trim()) return { rule: 'STAGE_LOST_REASON_REQUIRED', stage: to };
  }
  if (to.kind === 'open' && move.reasonCode) return { rule: 'STAGE_REASON_CODE_INVALID', stage: to };
  return undefined;
}

/** The pipeline a new installation starts with (the issue's defaults). */
export const DEFAULT_STAGES: readonly Omit<StageDef, 'id'>[] = [
  {
    code: 'initial_contact',
    nameZh: '初步接洽',
    nameEn: 'Initial contact',
    position: 1,
    probability: 10,
    kind: 'open',
    isRequired: false,
    isRequiredForTender: false,
    requiresTenderInfo: false,
  },
  {
    code: 'needs_confirmed',
    nameZh: '需求确认',
    nameEn: 'Needs confirmed',
    position: 2,
    probability: 25,
    kind: 'open',
    isRequired: true,
    isRequiredForTender: false,
    requiresTenderInfo: false,
  },
  {
    code: 'proposal',
    nameZh: '方案/报价',
    nameEn: 'Proposal / quote',
    position: 3,
    probability: 40,
    kind: 'open',
    isRequired: true,
    isRequiredForTender: false,
    requiresTenderInfo: false,
  },
  {
    code: 'tender',
    nameZh: '投标',
    nameEn: 'Tender',
    position: 4,
    probability: 55,
    kind: 'open',
    isRequired: false,
    isRequiredForTender: true,
    requiresTenderInfo: true,
  },
  {
    code: 'negotiation',
    nameZh: '商务谈判',
    nameEn: 'Negotiation',
    position: 5,
    probability: 75,
    kind: 'open',
    isRequired: false,
    isRequiredForTender: false,
    requiresTenderInfo: false,
  },
  {
    code: 'won',
    nameZh: '赢单',
    nameEn: 'Won',
    position: 6,
    probability: 100,
    kind: 'won',
    isRequired: false,
    isRequiredForTender: false,
    requiresTenderInfo: false,
  },
  {
    code: 'lost',
    nameZh: '输单',
    nameEn: 'Lost',
    position: 7,
    probability: 0,
    kind: 'lost',
    isRequired: false,
    isRequiredForTender: false,
    requiresTenderInfo: false,
  },
];

/** Problems of a pipeline as an administrator saved it: field paths of what is wrong. */
export function pipelineIssues(stages: readonly Pick<StageDef, 'code' | 'kind'>[]): string[] {
  const issues: string[] = [];
  if (!stages.some((s) => s.kind === 'open')) issues.push('stages');
  if (stages.filter((s) => s.kind === 'won').length !== 1) issues.push('stages');
  if (!stages.some((s) => s.kind === 'lost')) issues.push('stages');
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    if (seen.has(s.code)) issues.push(`stages.${i}.code`);
    seen.add(s.code);
  });
  return [...new Set(issues)];
}
