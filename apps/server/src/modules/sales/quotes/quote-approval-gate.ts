import { Permission } from '@crm/contracts';
import { hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import type { StoredApprovalReason } from './quote-approval-rules.ts';

/** A quote version that needs approval, as the approval side sees it. */
export type QuoteApprovalSubject = {
  quoteId: string;
  versionId: string;
  versionNo: number;
  number: string;
  title: string;
  ownerId: string;
  departmentId: string | null;
  customerId: string;
  customerName: string | null;
  currency: string;
  /** Decimal strings. */
  totalInclTax: string;
  /** The largest effective discount of a line, and the overall discount, in percent. */
  maxDiscountPercent: string;
  limitPercent: string;
  hasBelowFloor: boolean;
  reasons: readonly StoredApprovalReason[];
  /** The engine's instance for this version, once one was started. */
  instanceId: string | null;
};

/**
 * Where a quote that needs approval goes. The quotes module calls it; the approvals engine
 * (contracts issue) implements it and, on its final decision, calls the quotes service's
 * `applyApprovalDecision(tx, …)`. Until then the manual gate below applies: a holder of
 * `quote:approve` who sees the quote (and is not its owner) approves or refuses it by hand through
 * `POST /api/v1/quotes/{id}/approval`, audited like every transition.
 */
export interface QuoteApprovalGate {
  /** 'manual', or the engine's name; recorded with each decision. */
  readonly channel: string;
  /**
   * A version was submitted and needs approval: start what decides it, in the submit's transaction
   * (no HTTP call). The instance id is kept with the version. `null`: nothing was started, and the
   * quotes module tells the people who may approve by hand. `approvedAtOnce`: the route needed
   * nobody (every step skipped or approved by itself), so the version is approved right away.
   */
  requested(tx: Db, actor: Actor, subject: QuoteApprovalSubject): Promise<{ instanceId: string | null; approvedAtOnce?: boolean }>;
  /** The version left approval without a decision (withdrawn, superseded, expired): stop what was started. */
  withdrawn(tx: Db, actor: Actor, subject: QuoteApprovalSubject): Promise<void>;
  /** Whether the actor may decide this version by hand (the quotes module also checks scope and authority). */
  canDecideByHand(actor: Actor, subject: Pick<QuoteApprovalSubject, 'ownerId' | 'instanceId'>): boolean;
}

/** Today's behaviour: approval by hand, by managers and directors with `quote:approve`, never one's own quote. */
export const manualQuoteApprovalGate: QuoteApprovalGate = {
  channel: 'manual',
  requested: async () => ({ instanceId: null }),
  withdrawn: async () => undefined,
  canDecideByHand: (actor, subject) => hasPermission(actor, Permission.quoteApprove) && actor.userId !== subject.ownerId,
};
