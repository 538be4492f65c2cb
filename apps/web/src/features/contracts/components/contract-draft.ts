import type {
  TContract,
  TContractLine,
  TContractLineInput,
  TContractType,
  TContractUpdate,
  TDeliveryTerms,
  TLatePenalty,
  TPaymentTerm,
  TPaymentTrigger,
  TProduct,
} from '@crm/contracts';
import { percentToHundredths } from './contract-format.ts';
import { isPositiveQuantity } from './decimal-text.ts';

/** A line as the editor holds it: typed values as text ('' = not given: the product's default applies). */
export type EditorLine = {
  key: string;
  /** The saved line this row shows (findings and saved amounts refer to it); null for a new row. */
  savedId: string | null;
  productId: string | null;
  materialCode: string | null;
  name: string;
  spec: string | null;
  unit: string | null;
  qty: string;
  unitPrice: string;
  taxRate: string;
  wantedDeliveryDate: string | null;
  isNonStandard: boolean;
  requirementLineId: string | null;
  notes: string | null;
  /** The catalogue's list price and tax rate: what an empty price or rate becomes. */
  listPrice: string | null;
  defaultTaxRate: string | null;
};

export type EditorTerm = {
  key: string;
  trigger: TPaymentTrigger;
  percent: string;
  days: number | null;
  date: string | null;
  label: string;
};

export interface ContractDraft {
  title: string;
  type: TContractType;
  currency: string;
  deliveryTerms: { place: string; deliveryDate: string | null; incoterm: string; notes: string };
  warrantyMonths: number | null;
  latePenalty: { ratePercentPerDay: string; capPercent: string };
  lines: EditorLine[];
  paymentTerms: EditorTerm[];
}

let keySeq = 0;
export const newKey = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(keySeq += 1)}`;

export function fromLine(l: TContractLine): EditorLine {
  return {
    key: l.id,
    savedId: l.id,
    productId: l.productId,
    materialCode: l.materialCode,
    name: l.name,
    spec: l.spec,
    unit: l.unit,
    qty: l.qty,
    unitPrice: l.unitPrice,
    taxRate: l.taxRate,
    wantedDeliveryDate: l.wantedDeliveryDate,
    isNonStandard: l.isNonStandard,
    requirementLineId: l.requirementLineId,
    notes: l.notes,
    listPrice: null,
    defaultTaxRate: l.taxRate,
  };
}

export function lineOfProduct(p: TProduct): EditorLine {
  return {
    key: newKey('line'),
    savedId: null,
    productId: p.id,
    materialCode: p.materialCode,
    name: p.name,
    spec: p.model,
    unit: p.unit,
    qty: '1',
    unitPrice: '',
    taxRate: '',
    wantedDeliveryDate: null,
    isNonStandard: false,
    requirementLineId: null,
    notes: null,
    listPrice: p.listPrice,
    defaultTaxRate: p.taxRate,
  };
}

export function freeTextLine(): EditorLine {
  return {
    key: newKey('line'),
    savedId: null,
    productId: null,
    materialCode: null,
    name: '',
    spec: null,
    unit: null,
    qty: '1',
    unitPrice: '',
    taxRate: '',
    wantedDeliveryDate: null,
    isNonStandard: true,
    requirementLineId: null,
    notes: null,
    listPrice: null,
    defaultTaxRate: '0.13',
  };
}

export function toLineInput(l: EditorLine): TContractLineInput {
  return {
    productId: l.productId,
    ...(l.productId ? {} : { name: l.name.trim(), spec: l.spec?.trim() || null, unit: l.unit?.trim() || null }),
    qty: l.qty.trim(),
    unitPrice: l.unitPrice.trim() === '' ? null : l.unitPrice.trim(),
    taxRate: l.taxRate === '' ? null : l.taxRate,
    wantedDeliveryDate: l.wantedDeliveryDate,
    isNonStandard: l.isNonStandard,
    requirementLineId: l.requirementLineId,
    notes: l.notes?.trim() || null,
  };
}

/** The unit price a line will have: the typed one, or the catalogue's list price. */
export const effectivePrice = (l: EditorLine): string | null => (l.unitPrice.trim() !== '' ? l.unitPrice.trim() : l.listPrice);

function fromTerm(t: TPaymentTerm, i: number): EditorTerm {
  return { key: `term-${i}`, trigger: t.trigger, percent: t.percent, days: t.days ?? 0, date: t.date ?? null, label: t.label ?? '' };
}

export function toTerm(t: EditorTerm): TPaymentTerm {
  return {
    trigger: t.trigger,
    percent: t.percent.trim(),
    days: t.trigger === 'fixed_date' ? 0 : (t.days ?? 0),
    date: t.trigger === 'fixed_date' ? t.date : null,
    label: t.label.trim() || null,
  };
}

export function draftOf(c: TContract): ContractDraft {
  return {
    title: c.title,
    type: c.type,
    currency: c.currency,
    deliveryTerms: {
      place: c.deliveryTerms.place ?? '',
      deliveryDate: c.deliveryTerms.deliveryDate ?? null,
      incoterm: c.deliveryTerms.incoterm ?? '',
      notes: c.deliveryTerms.notes ?? '',
    },
    warrantyMonths: c.warrantyMonths,
    latePenalty: { ratePercentPerDay: c.latePenalty.ratePercentPerDay ?? '', capPercent: c.latePenalty.capPercent },
    lines: c.lines.map(fromLine),
    paymentTerms: c.paymentTerms.map(fromTerm),
  };
}

function deliveryInput(d: ContractDraft['deliveryTerms']): TDeliveryTerms {
  return {
    place: d.place.trim() || null,
    deliveryDate: d.deliveryDate,
    incoterm: d.incoterm.trim() || null,
    notes: d.notes.trim() || null,
  };
}

function penaltyInput(p: ContractDraft['latePenalty']): TLatePenalty {
  return { ratePercentPerDay: p.ratePercentPerDay.trim() || null, capPercent: p.capPercent.trim() };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export type DraftSection = 'info' | 'lines' | 'paymentTerms';

/** Which tabs hold unsaved changes. */
export function dirtySections(initial: ContractDraft, draft: ContractDraft): Set<DraftSection> {
  const dirty = new Set<DraftSection>();
  if (
    !same(
      [initial.title, initial.type, initial.currency, initial.deliveryTerms, initial.warrantyMonths, initial.latePenalty],
      [draft.title, draft.type, draft.currency, draft.deliveryTerms, draft.warrantyMonths, draft.latePenalty],
    )
  )
    dirty.add('info');
  if (!same(initial.lines.map(toLineInput), draft.lines.map(toLineInput))) dirty.add('lines');
  if (!same(initial.paymentTerms.map(toTerm), draft.paymentTerms.map(toTerm))) dirty.add('paymentTerms');
  return dirty;
}

/** The change to send: only what was changed, with the record version it was made on. */
export function updateBody(initial: ContractDraft, draft: ContractDraft, version: number): TContractUpdate {
  const body: TContractUpdate = { version };
  if (draft.title.trim() !== initial.title) body.title = draft.title.trim();
  if (draft.type !== initial.type) body.type = draft.type;
  if (draft.currency !== initial.currency) body.currency = draft.currency;
  if (!same(initial.deliveryTerms, draft.deliveryTerms)) body.deliveryTerms = deliveryInput(draft.deliveryTerms);
  if (draft.warrantyMonths !== initial.warrantyMonths && draft.warrantyMonths !== null) body.warrantyMonths = draft.warrantyMonths;
  if (!same(initial.latePenalty, draft.latePenalty)) body.latePenalty = penaltyInput(draft.latePenalty);
  const lines = draft.lines.map(toLineInput);
  if (!same(initial.lines.map(toLineInput), lines)) body.lines = lines;
  const terms = draft.paymentTerms.map(toTerm);
  if (!same(initial.paymentTerms.map(toTerm), terms)) body.paymentTerms = terms;
  return body;
}

/** The sum of the milestones in hundredths of a percent; null while a percentage is not a number. */
export function termsSum(terms: readonly EditorTerm[]): number | null {
  let sum = 0;
  for (const t of terms) {
    const h = percentToHundredths(t.percent);
    if (h === null) return null;
    sum += h;
  }
  return sum;
}

export type DraftProblem =
  | { section: 'info'; key: 'titleRequired' | 'capRequired' | 'warrantyRequired' }
  | { section: 'lines'; key: 'lineName' | 'lineQty'; position: number }
  | { section: 'paymentTerms'; key: 'termsEmpty' | 'termsSum' | 'termPercent' | 'termDate'; position?: number };

/** What must be fixed before the changed sections can be saved (the server checks again). */
export function draftProblems(draft: ContractDraft, dirty: ReadonlySet<DraftSection>): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (dirty.has('info')) {
    if (!draft.title.trim()) problems.push({ section: 'info', key: 'titleRequired' });
    if (percentToHundredths(draft.latePenalty.capPercent) === null) problems.push({ section: 'info', key: 'capRequired' });
    if (draft.warrantyMonths === null) problems.push({ section: 'info', key: 'warrantyRequired' });
  }
  if (dirty.has('lines')) {
    draft.lines.forEach((l, i) => {
      if (!l.productId && !l.name.trim()) problems.push({ section: 'lines', key: 'lineName', position: i + 1 });
      if (!isPositiveQuantity(l.qty)) problems.push({ section: 'lines', key: 'lineQty', position: i + 1 });
    });
  }
  if (dirty.has('paymentTerms')) {
    if (draft.paymentTerms.length === 0) problems.push({ section: 'paymentTerms', key: 'termsEmpty' });
    draft.paymentTerms.forEach((t, i) => {
      const h = percentToHundredths(t.percent);
      if (h === null || h <= 0) problems.push({ section: 'paymentTerms', key: 'termPercent', position: i + 1 });
      if (t.trigger === 'fixed_date' && !t.date) problems.push({ section: 'paymentTerms', key: 'termDate', position: i + 1 });
    });
    if (draft.paymentTerms.length > 0 && termsSum(draft.paymentTerms) !== 10000)
      problems.push({ section: 'paymentTerms', key: 'termsSum' });
  }
  return problems;
}
