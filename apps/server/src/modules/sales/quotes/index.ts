import type { TOpportunityListQuery, TOpportunitySummary, TPage, TProduct, TProductListQuery } from '@crm/contracts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Kernel } from '../../../kernel/kernel.ts';
import { addDefaultGrants, type People } from '../../admin/index.ts';
import type { CustomerExtension } from '../../customers/index.ts';
import type { SalesFeature } from '../index.ts';
import type { ApprovalsApi } from '../../workflow/index.ts';
import { manualQuoteApprovalGate, type QuoteApprovalGate } from './quote-approval-gate.ts';
import { createEngineQuoteApprovalGate } from './quote-engine-gate.ts';
import { quoteCustomerExtension } from './quote-customer-extension.ts';
import { createQuoteExportService } from './quote-export.service.ts';
import type { QuoteCatalog } from './quote-pricing.ts';
import { createQuoteSettingsService } from './quote-settings.service.ts';
import { createQuoteWorkflow } from './quote-workflow.service.ts';
import { quoteJobs } from './quotes.jobs.ts';
import { QUOTE_GRANTS } from './quotes.messages.ts';
import { quoteRoutes } from './quotes.routes.ts';
import { seedDemoQuotes } from './quotes.seed.ts';
import { createQuoteService, type QuoteCustomerLookup, type QuoteOpportunityLookup } from './quotes.service.ts';

export type { QuoteApprovalGate, QuoteApprovalSubject } from './quote-approval-gate.ts';
export { manualQuoteApprovalGate } from './quote-approval-gate.ts';
export type { AcceptedQuote, QuoteWorkflow } from './quote-workflow.service.ts';
export type { QuoteService, QuoteOpportunityLookup, QuoteCustomerLookup } from './quotes.service.ts';
export type { QuoteCatalog } from './quote-pricing.ts';
export type { StoredApprovalReason } from './quote-approval-rules.ts';
export { computeQuoteAmounts } from './quote-amounts.ts';
export { QuoteErrorCode } from './quotes.errors.ts';

/**
 * 报价单: quotes of opportunities, priced from the price lists, with versions, approval flags,
 * the approval hook, the customer's answer, xlsx export; accepted quotes feed contracts.
 */
export function createQuotesFeature(
  k: Kernel,
  deps: {
    people: People;
    customers: { lookup: QuoteCustomerLookup; register(extension: CustomerExtension): void };
    catalog: QuoteCatalog;
    opportunities: QuoteOpportunityLookup & { list(actor: Actor, query: TOpportunityListQuery): Promise<TPage<TOpportunitySummary>> };
    products: { list(actor: Actor, query: TProductListQuery): Promise<TPage<TProduct>> };
  },
) {
  addDefaultGrants(QUOTE_GRANTS);
  let gate: QuoteApprovalGate = manualQuoteApprovalGate;
  const settings = createQuoteSettingsService({ db: k.db, clock: k.clock });
  const quotes = createQuoteService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    catalog: deps.catalog,
    opportunities: deps.opportunities,
    customers: deps.customers.lookup,
    settings,
    gate: () => gate,
  });
  const workflow = createQuoteWorkflow({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    notifications: k.notifications,
    settings,
    quotes,
    gate: () => gate,
  });
  const exports = createQuoteExportService({ db: k.db, clock: k.clock, quotes, settings });
  deps.customers.register(quoteCustomerExtension());
  const jobs = quoteJobs({ workflow });
  const feature: SalesFeature = {
    routes: quoteRoutes({ quotes, workflow, exports, settings }),
    jobs: jobs.all,
    prepare: () => settings.prepare(),
    seed: () =>
      seedDemoQuotes({
        db: k.db,
        clock: k.clock,
        demo: k.config.demo.enabled,
        catalog: deps.catalog,
        opportunities: deps.opportunities,
        products: deps.products,
        quotes,
        settings,
      }),
  };
  return {
    feature,
    jobs,
    /** What other modules call (see docs/quotes.md). */
    service: {
      /** One quote (current or a given version) as the actor may see it; 404 outside the actor's scope. */
      get: quotes.get,
      list: quotes.list,
      /** The accepted version with its lines, in the caller's transaction, for a contract made from it. */
      getAccepted: workflow.getAccepted,
      /** The approvals engine's final decision on a version that needs approval, in its transaction. */
      applyApprovalDecision: workflow.applyApprovalDecision,
      /** Expires quotes past their validity now (the nightly job does it too). */
      expireDue: workflow.expireDue,
      /** The approvals engine replaces the manual gate at wiring time. */
      setApprovalGate(next: QuoteApprovalGate): void {
        gate = next;
      },
      /** Registers the `quote` approval type with the approvals engine and routes approvals through it. */
      useApprovalsEngine(approvals: ApprovalsApi): void {
        gate = createEngineQuoteApprovalGate({ approvals, workflow, quotes });
      },
    },
  };
}
export type QuotesFeature = ReturnType<typeof createQuotesFeature>;
