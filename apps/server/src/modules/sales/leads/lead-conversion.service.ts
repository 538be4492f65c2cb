import type {
  TContact,
  TCreateOpportunity,
  TDuplicateCheckResult,
  TDuplicateMatch,
  TLeadConversionPreview,
  TLeadConvertRequest,
  TLeadConvertResult,
} from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeReadAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { People, UserSummary } from '../../admin/index.ts';
import type { CustomerService, DuplicateCheckService, LinkedActivityService } from '../../customers/index.ts';
import type { TaskService } from '../../tasks/index.ts';
import type { LeadPresenter } from './lead-dto.ts';
import { isLeadClosed, nextLeadStatus, transitionSources } from './lead-status.ts';
import { LeadErrorCode } from './leads.errors.ts';
import * as repo from './leads.repository.ts';

/** What the conversion needs of the opportunities feature: an opportunity created in the caller's transaction. */
export type OpportunityCreator = {
  createWithin(
    tx: Db,
    actor: Actor,
    body: TCreateOpportunity,
    opts?: { ownerDepartmentId?: string },
  ): Promise<{ id: string; version: number }>;
};

const isBlocking = (m: TDuplicateMatch) => m.reason === 'credit_code' || m.reason === 'same_name';

/** What the duplicate verdict allows: which customers may be linked, whether a new one may be made. */
function decide(check: TDuplicateCheckResult) {
  const blocking = check.matches.filter(isBlocking);
  const visibleBlocking = blocking.filter((m) => m.visible && m.customerId);
  const canCreate = check.verdict !== 'block';
  // A block is settled only by linking the same company, which the reader must be able to see.
  const canConvert = check.verdict !== 'block' || visibleBlocking.length > 0;
  const blockedBy = check.verdict === 'block' && visibleBlocking.length === 0 ? (blocking[0] ?? null) : null;
  return { blocking, visibleBlocking, canCreate, canConvert, blockedBy };
}

/**
 * Conversion of a lead into customer + contact + opportunity. The preview runs the customers
 * module's duplicate check on the company name, mobile and e-mail; the conversion does everything
 * in one transaction: the customer created (or the existing one linked), the contact, the
 * opportunity, the lead's activities moved onto the customer's timeline, and the lead closed.
 */
export function createLeadConversionService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summary'>;
  duplicates: DuplicateCheckService;
  customers: Pick<CustomerService, 'createWithin' | 'lockVisibleWithin' | 'addContactWithin'>;
  activities: Pick<LinkedActivityService, 'joinLeadToCustomer'>;
  tasks: Pick<TaskService, 'moveRelated'>;
  /** The opportunities feature; resolved late because it is wired beside this one. */
  opportunities: () => OpportunityCreator | undefined;
  present: LeadPresenter;
}) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.leadScopeColumns);

  async function convertibleLead(actor: Actor, id: string): Promise<repo.LeadRow> {
    const lead = await repo.findLead(db, id, scopeOf(actor));
    if (!lead) throw new AppError(CommonError.NOT_FOUND);
    assertConvertible(lead);
    return lead;
  }

  function assertConvertible(lead: repo.LeadRow): void {
    if (isLeadClosed(lead.status)) throw new AppError(LeadErrorCode.LEAD_CLOSED);
    if (!nextLeadStatus(lead.status, 'convert')) throw new AppError(LeadErrorCode.LEAD_STATUS_INVALID, { params: { status: lead.status } });
  }

  const check = (actor: Actor, lead: repo.LeadRow) =>
    deps.duplicates.check(actor, {
      name: lead.companyName,
      phones: lead.mobile ? [lead.mobile] : [],
      emails: lead.email ? [lead.email] : [],
    });

  function outOfScope(match: TDuplicateMatch): AppError {
    return new AppError(LeadErrorCode.LEAD_CONVERT_CUSTOMER_OUT_OF_SCOPE, {
      params: { name: match.name, owner: match.ownerName ?? '—' },
      extensions: { matches: [match] },
    });
  }

  /** The customer's owner is the lead's (an unowned lead, or one whose owner left, goes to the converting user). */
  async function ownerFor(actor: Actor, lead: repo.LeadRow): Promise<UserSummary> {
    const owner = lead.ownerId ? await deps.people.summary(lead.ownerId) : undefined;
    if (owner?.isActive) return owner;
    const me = actor.userId ? await deps.people.summary(actor.userId) : undefined;
    if (!me) throw new AppError(CommonError.FORBIDDEN);
    return me;
  }

  function sameContact(contacts: TContact[], lead: repo.LeadRow): TContact | undefined {
    const mobile = repo.mobileKey(lead.mobile);
    const email = lead.email?.toLowerCase();
    return contacts.find(
      (c) => (mobile && mobile.length >= 5 && repo.mobileKey(c.mobile) === mobile) || (email && c.email?.toLowerCase() === email),
    );
  }

  return {
    async preview(actor: Actor, id: string): Promise<TLeadConversionPreview> {
      const lead = await convertibleLead(actor, id);
      const result = await check(actor, lead);
      const d = decide(result);
      await writeReadAudit(db, actor, {
        action: 'lead.convert_preview',
        entityType: 'lead',
        entityId: id,
        meta: { verdict: result.verdict },
      });
      return {
        leadId: id,
        verdict: result.verdict,
        matches: result.matches,
        canCreate: d.canCreate,
        canConvert: d.canConvert,
        blockedBy: d.blockedBy ? { name: d.blockedBy.name, ownerName: d.blockedBy.ownerName } : null,
        proposed: { name: lead.companyName, industry: lead.industry, province: lead.province, city: lead.city, source: lead.source },
      };
    },

    async convert(actor: Actor, id: string, req: TLeadConvertRequest): Promise<TLeadConvertResult> {
      const lead = await convertibleLead(actor, id);
      if (lead.version !== req.version) throw new AppError(CommonError.STALE_VERSION);
      const wantContact = req.createContact ?? Boolean(lead.contactName);
      if (wantContact && !lead.contactName) throw new AppError(LeadErrorCode.LEAD_CONVERT_NO_CONTACT);
      const opportunities = req.opportunity ? deps.opportunities() : undefined;
      if (req.opportunity && !opportunities) throw new AppError(CommonError.SERVICE_UNAVAILABLE);

      // The duplicate check and the owner lookups read through their own connection: before the transaction.
      const result = await check(actor, lead);
      const d = decide(result);
      if (req.customer.mode === 'create') {
        if (d.blockedBy) throw outOfScope(d.blockedBy);
        if (result.verdict === 'block') {
          throw new AppError(LeadErrorCode.LEAD_CONVERT_DUPLICATE, {
            params: { name: d.visibleBlocking[0]!.name },
            extensions: { matches: result.matches },
          });
        }
        if (result.verdict === 'warn' && !req.customer.acknowledgeDuplicates) {
          throw new AppError(LeadErrorCode.LEAD_CONVERT_POSSIBLE_DUPLICATE, { extensions: { matches: result.matches } });
        }
      } else if (result.verdict === 'block') {
        if (d.blockedBy) throw outOfScope(d.blockedBy);
        const linkId = req.customer.customerId;
        if (!d.visibleBlocking.some((m) => m.customerId === linkId)) {
          throw new AppError(LeadErrorCode.LEAD_CONVERT_DUPLICATE, {
            params: { name: d.visibleBlocking[0]!.name },
            extensions: { matches: result.matches },
          });
        }
      }
      const owner = await ownerFor(actor, lead);
      const customerInput = req.customer;

      const outcome = await withTx(db, async (tx) => {
        const locked = await repo.lockLead(tx, id, scopeOf(actor));
        if (!locked) throw new AppError(CommonError.NOT_FOUND);
        if (locked.version !== req.version) throw new AppError(CommonError.STALE_VERSION);
        assertConvertible(locked);
        const contactInput = { name: locked.contactName ?? '', title: locked.title, mobile: locked.mobile, email: locked.email };

        let customerId: string;
        let customerName: string;
        let contactId: string | null = null;
        let contactCreated = false;
        if (customerInput.mode === 'create') {
          const made = await deps.customers.createWithin(
            tx,
            actor,
            {
              name: customerInput.name ?? locked.companyName,
              type: customerInput.type,
              industry: locked.industry,
              province: locked.province,
              city: locked.city,
              source: locked.source,
              status: 'prospect',
              contacts: wantContact ? [{ ...contactInput, isPrimary: true }] : [],
              acknowledgeDuplicates: customerInput.acknowledgeDuplicates,
            },
            owner,
          );
          customerId = made.customer.id;
          customerName = made.customer.name;
          contactId = made.contacts[0]?.id ?? null;
          contactCreated = contactId !== null;
        } else {
          const linked = await deps.customers.lockVisibleWithin(tx, actor, customerInput.customerId);
          customerId = linked.id;
          customerName = linked.name;
          if (wantContact) {
            const existing = sameContact(linked.contacts, locked);
            if (existing) contactId = existing.id;
            else {
              contactId = (await deps.customers.addContactWithin(tx, actor, customerId, contactInput)).id;
              contactCreated = true;
            }
          }
        }

        let opportunityId: string | null = null;
        if (req.opportunity && opportunities) {
          const opportunityOwner = owner.id === actor.userId ? {} : { ownerId: owner.id };
          const made = await opportunities.createWithin(
            tx,
            actor,
            {
              name: req.opportunity.name,
              customerId,
              amount: req.opportunity.amount,
              expectedCloseDate: req.opportunity.expectedCloseDate,
              source: 'lead',
              leadId: id,
              ...opportunityOwner,
            },
            { ownerDepartmentId: owner.departmentId },
          );
          opportunityId = made.id;
        }

        const activitiesMoved = await deps.activities.joinLeadToCustomer(tx, actor, id, customerId);
        // Open follow-ups and to-dos about the lead are about the customer from now on.
        const tasksMoved = await deps.tasks.moveRelated(tx, actor, {
          type: 'lead',
          fromId: id,
          toType: 'customer',
          toId: customerId,
          toLabel: customerName,
          openOnly: true,
        });
        const now = clock.now();
        const converted = await repo.transitionLead(tx, id, req.version, transitionSources('convert'), {
          status: 'converted',
          convertedCustomerId: customerId,
          convertedContactId: contactId,
          convertedOpportunityId: opportunityId,
          convertedAt: now,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!converted) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'lead.convert',
          entityType: 'lead',
          entityId: id,
          before: locked,
          after: converted,
          meta: {
            verdict: result.verdict,
            customerCreated: customerInput.mode === 'create',
            contactCreated,
            activitiesMoved,
            tasksMoved: tasksMoved.length,
            duplicatesAcknowledged: customerInput.mode === 'create' && Boolean(customerInput.acknowledgeDuplicates),
          },
        });
        return { converted, customerId, customerName, contactId, contactCreated, opportunityId, activitiesMoved };
      });

      return {
        lead: (await deps.present([outcome.converted]))[0]!,
        customerId: outcome.customerId,
        customerName: outcome.customerName,
        customerCreated: customerInput.mode === 'create',
        contactId: outcome.contactId,
        contactCreated: outcome.contactCreated,
        opportunityId: outcome.opportunityId,
        activitiesMoved: outcome.activitiesMoved,
      };
    },
  };
}
export type LeadConversionService = ReturnType<typeof createLeadConversionService>;
