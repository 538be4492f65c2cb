import { type ZContractCreate } from '@crm/contracts';
import type { z } from 'zod';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { translate } from '../../kernel/i18n.ts';
import { ContractErrorCode } from './contracts.errors.ts';
import type { ContractServiceDeps } from './contract-ports.ts';

type SourceDeps = Pick<ContractServiceDeps, 'quotes' | 'opportunities' | 'requirements'>;

/**
 * The source records read through other modules' services, each in the actor's scope (404
 * otherwise). They use their own connection, so they run before the creating transaction opens.
 */
export async function readSourceRecords(deps: SourceDeps, actor: Actor, input: z.output<typeof ZContractCreate>) {
  const source = input.source;
  const quote = source.kind === 'quote' ? await deps.quotes.get(actor, source.quoteId) : null;
  const opportunityId = source.kind === 'opportunity' ? source.opportunityId : source.kind === 'blank' ? input.opportunityId : null;
  const opportunity = opportunityId ? await deps.opportunities.get(actor, opportunityId) : null;
  return { quote, opportunity };
}

/** Customer, opportunity, lines and terms of a new contract from its source, read in the creating transaction. */
export async function contractSource(
  deps: SourceDeps,
  tx: Db,
  actor: Actor,
  input: z.output<typeof ZContractCreate>,
  records: Awaited<ReturnType<typeof readSourceRecords>>,
) {
  const source = input.source;
  if (source.kind === 'quote') {
    const q = records.quote!;
    const accepted = await deps.quotes.getAccepted(tx, q.id);
    if (!accepted) {
      throw new AppError(ContractErrorCode.CONTRACT_SOURCE_NOT_READY, {
        params: {
          source: translate(actor.locale, 'contracts.source.quote'),
          reason: translate(actor.locale, 'contracts.source.quoteNotAccepted'),
        },
      });
    }
    return {
      customerId: accepted.customerId,
      opportunityId: accepted.opportunityId,
      opportunityName: accepted.opportunityName,
      quoteId: q.id,
      quoteVersionId: accepted.versionId,
      title: input.title ?? q.title,
      currency: accepted.currency,
      requirementIds: [] as string[],
      reviewed: new Set<string>(),
      lines:
        input.lines ??
        accepted.lines.map((l) => ({
          productId: l.productId,
          name: l.name,
          spec: l.spec,
          unit: l.unit,
          qty: l.qty,
          unitPrice: l.netUnitPrice,
          taxRate: l.taxRate,
        })),
    };
  }
  if (source.kind === 'opportunity') {
    const o = records.opportunity!;
    return {
      customerId: o.customerId,
      opportunityId: o.id,
      opportunityName: o.name,
      quoteId: null,
      quoteVersionId: null,
      title: input.title ?? o.name,
      currency: input.currency,
      requirementIds: [] as string[],
      reviewed: new Set<string>(),
      lines: input.lines ?? o.lines.map((l) => ({ productId: l.productId, qty: l.quantity, unitPrice: l.unitPrice })),
    };
  }
  if (source.kind === 'requirement') {
    const requirements = deps.requirements();
    if (!requirements) throw new AppError(CommonError.NOT_FOUND);
    const r = await requirements.forContract(tx, actor, source.requirementId);
    return {
      customerId: r.customerId,
      opportunityId: r.opportunityId,
      opportunityName: r.opportunityName,
      quoteId: null,
      quoteVersionId: null,
      title: input.title ?? r.title,
      currency: input.currency,
      requirementIds: [r.id],
      reviewed: new Set(r.lines.filter((l) => l.isTechnicallyReviewed).map((l) => l.requirementLineId)),
      lines:
        input.lines ??
        r.lines.map((l) => ({
          productId: l.productId,
          name: l.name,
          spec: l.spec,
          unit: l.unit,
          qty: l.qty,
          wantedDeliveryDate: l.wantedDate,
          isNonStandard: l.isNonStandard,
          requirementLineId: l.requirementLineId,
        })),
    };
  }
  if (!input.customerId)
    throw new AppError(ContractErrorCode.CONTRACT_CUSTOMER_REQUIRED, { fields: [{ path: 'customerId', code: 'required' }] });
  return {
    customerId: input.customerId,
    opportunityId: input.opportunityId ?? null,
    opportunityName: records.opportunity?.name ?? null,
    quoteId: null,
    quoteVersionId: null,
    title: input.title ?? '',
    currency: input.currency,
    requirementIds: [] as string[],
    reviewed: new Set<string>(),
    lines: input.lines ?? [],
  };
}
