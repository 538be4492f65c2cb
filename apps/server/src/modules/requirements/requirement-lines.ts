import type { TRequirementLineInput } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { ProductCatalog, ProductSummary } from '../products/index.ts';
import { RequirementErrorCode } from './requirements.errors.ts';
import type { NewRequirementLineRow, RequirementLineRow } from './requirements.repository.ts';
import type { RequestedLineValue, TechnicalParameterValue } from './requirements.schema.ts';

/** What requirements need of the catalogue: products by id, in the caller's transaction. */
export type RequirementCatalog = Pick<ProductCatalog, 'findByIds'>;

/** The content of a line as the rep entered it (no review in it). */
type LineContent = Omit<NewRequirementLineRow, 'id' | 'requirementId' | 'position'>;

export type PlannedLines = {
  /** Lines to add. */
  inserts: Omit<NewRequirementLineRow, 'requirementId'>[];
  /** Existing lines to change: their position, and their content (the review reset) when it changed. */
  updates: { id: string; set: Partial<NewRequirementLineRow> }[];
  /** Existing lines that stay (with or without changes); the others go. */
  keepIds: string[];
};

const blankToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

function requestedOf(input: TRequirementLineInput): RequestedLineValue {
  if (input.productId) return { productId: input.productId, name: '', spec: null, unit: null };
  return { productId: null, name: (input.name ?? '').trim(), spec: blankToNull(input.spec), unit: blankToNull(input.unit) };
}

function parametersOf(input: TRequirementLineInput): TechnicalParameterValue[] {
  return (input.parameters ?? []).map((p) => ({ name: p.name.trim(), value: p.value.trim() }));
}

/** Whether the rep's input for an existing line is what the line already holds (then its review stands). */
export function sameRequest(row: RequirementLineRow, input: TRequirementLineInput): boolean {
  const requested = requestedOf(input);
  const parameters = parametersOf(input);
  return (
    row.requested.productId === requested.productId &&
    row.requested.name === requested.name &&
    row.requested.spec === requested.spec &&
    row.requested.unit === requested.unit &&
    (row.description ?? null) === blankToNull(input.description) &&
    row.parameters.length === parameters.length &&
    row.parameters.every((p, i) => p.name === parameters[i]!.name && p.value === parameters[i]!.value) &&
    new Decimal(row.qty).equals(input.qty) &&
    (row.wantedDate ?? null) === (input.wantedDate ?? null)
  );
}

/** A fresh, unreviewed line from the input. */
function contentOf(input: TRequirementLineInput, position: number, products: Map<string, ProductSummary>): LineContent {
  const requested = requestedOf(input);
  const common = {
    requested,
    description: blankToNull(input.description),
    parameters: parametersOf(input),
    qty: input.qty,
    wantedDate: input.wantedDate ?? null,
    decision: 'pending' as const,
    reviewNote: null,
    reviewedBy: null,
    reviewedAt: null,
    createdProductId: null,
    wasNonStandard: false,
  };
  if (input.productId) {
    const p = products.get(input.productId);
    if (!p) throw new AppError(RequirementErrorCode.REQUIREMENT_LINE_PRODUCT_UNKNOWN, { params: { position } });
    if (p.status !== 'active') throw new AppError(RequirementErrorCode.REQUIREMENT_LINE_PRODUCT_DISCONTINUED, { params: { position } });
    return { ...common, productId: p.id, materialCode: p.materialCode, name: p.name, spec: p.model, unit: p.unit };
  }
  if (!requested.name) {
    throw new AppError(RequirementErrorCode.REQUIREMENT_LINE_NAME_REQUIRED, {
      params: { position },
      fields: [{ path: `lines.${position - 1}.name`, code: 'required', messageKey: 'validation.required' }],
    });
  }
  return { ...common, productId: null, materialCode: null, name: requested.name, spec: requested.spec, unit: requested.unit };
}

/**
 * Plans the lines of a draft from the rep's input against the stored lines: an input with the
 * `id` of a stored line keeps that line (and its review, when nothing of it changed); others
 * become new lines; stored lines not named go. Catalogue products are read in `db`.
 */
export async function planLines(
  db: Db,
  catalog: RequirementCatalog,
  inputs: readonly TRequirementLineInput[],
  existing: readonly RequirementLineRow[],
): Promise<PlannedLines> {
  const byId = new Map(existing.map((l) => [l.id, l]));
  const productIds = inputs.map((l) => l.productId).filter((id): id is string => !!id);
  const products = new Map((await catalog.findByIds(db, productIds)).map((p) => [p.id, p]));
  const plan: PlannedLines = { inserts: [], updates: [], keepIds: [] };
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const position = i + 1;
    if (input.id !== undefined) {
      const row = byId.get(input.id);
      if (!row || seen.has(input.id)) throw new AppError(RequirementErrorCode.REQUIREMENT_LINE_UNKNOWN);
      seen.add(input.id);
      plan.keepIds.push(row.id);
      if (sameRequest(row, input)) {
        if (row.position !== position) plan.updates.push({ id: row.id, set: { position } });
      } else {
        plan.updates.push({ id: row.id, set: { position, ...contentOf(input, position, products) } });
      }
      return;
    }
    plan.inserts.push({ position, ...contentOf(input, position, products) });
  });
  return plan;
}

/** The lines' summary for audit entries: what each asks for and how it was decided. */
export function linesSummary(lines: readonly Pick<RequirementLineRow, 'position' | 'productId' | 'name' | 'qty' | 'decision'>[]) {
  return lines.map((l) => ({ position: l.position, productId: l.productId, name: l.name, qty: l.qty, decision: l.decision }));
}
