import type {
  TContractReviewRule,
  TContractSettings,
  TCustomerGrade,
  TLatePenalty,
  TPaymentTerm,
  TReviewLevel,
  TReviewRouteStep,
} from '@crm/contracts';
import { type Decimal } from 'decimal.js';
import { addDays } from '../../kernel/clock.ts';
import { Money } from '../../kernel/money.ts';

/**
 * 合同评审: the automatic review of a contract version against company policy (DOMAIN.md,
 * Contract review). Pure: the caller gathers the facts (customer credit, exposure, lines with the
 * catalogue's floor price, cost, lead time and warranty) and stores the result. Every rule gives
 * at least one finding, so the page can show each rule passed or not. Messages are keys with
 * parameters, translated when shown.
 */

export type ReviewLine = {
  id: string;
  position: number;
  name: string;
  materialCode: string | null;
  category: string | null;
  unitPrice: string;
  floorPrice: string | null;
  marginPercent: string | null;
  wantedDeliveryDate: string | null;
  leadTimeDays: number | null;
  standardWarrantyMonths: number | null;
  isNonStandard: boolean;
  isTechnicallyReviewed: boolean;
};

export type ReviewInput = {
  /** Business date the review runs on. */
  today: string;
  signedDate: string | null;
  amountInclTax: string;
  /** Null when a line has no standard cost. */
  marginPercent: string | null;
  paymentTerms: readonly TPaymentTerm[];
  deliveryDate: string | null;
  warrantyMonths: number;
  latePenalty: TLatePenalty;
  customer: {
    grade: TCustomerGrade | null;
    creditLimit: string | null;
    /** The customer's own credit days, when finance set them (they take precedence over the grade's). */
    creditDays: number | null;
    /** Signed, not yet collected, excluding this contract. */
    openExposure: string;
  };
  lines: readonly ReviewLine[];
};

export type StoredFinding = {
  rule: TContractReviewRule;
  level: TReviewLevel;
  /** Message key under `contracts.review.` and its parameters. */
  key: string;
  params?: Record<string, string | number>;
  lineId?: string;
  field?: string;
};

export type StoredReview = { findings: StoredFinding[]; level: TReviewLevel; route: TReviewRouteStep[]; ranAt: string };

const RANK: Record<TReviewLevel, number> = { pass: 0, warn: 1, block: 2 };
const worst = (levels: TReviewLevel[]): TReviewLevel => levels.reduce<TReviewLevel>((w, l) => (RANK[l] > RANK[w] ? l : w), 'pass');

/** Which extra approvers a rule's warning brings (blocks bring the special route on top). */
const ROUTE_OF_RULE: Partial<Record<TContractReviewRule, TReviewRouteStep>> = {
  price_floor: 'director',
  margin: 'director',
  credit_limit: 'finance',
  credit_days: 'finance',
  prepayment: 'finance',
  warranty: 'director',
  penalty_cap: 'director',
  non_standard: 'product_manager',
};

const ROUTE_ORDER: readonly TReviewRouteStep[] = ['manager', 'product_manager', 'director', 'finance', 'special'];

function gradeSettings(settings: TContractSettings, grade: TCustomerGrade | null) {
  return settings.grades[grade ?? 'D'];
}

function marginThresholds(settings: TContractSettings, grade: TCustomerGrade | null, category: string | null) {
  const byCategory = category ? settings.categories.find((c) => c.category === category) : undefined;
  if (byCategory) return { warn: new Money(byCategory.marginWarnPercent), block: new Money(byCategory.marginBlockPercent) };
  const g = gradeSettings(settings, grade);
  return {
    warn: new Money(g.marginWarnPercent ?? settings.marginWarnPercent),
    block: new Money(g.marginBlockPercent ?? settings.marginBlockPercent),
  };
}

/** Where a line finding points: its position and material code (or name). */
const lineParams = (l: ReviewLine) => ({ position: l.position, code: l.materialCode ?? l.name });
/** "370.440000" → "370.44" for messages. */
const figure = (v: string) => new Money(v).toFixed();

function completeness(input: ReviewInput): StoredFinding[] {
  const out: StoredFinding[] = [];
  if (input.lines.length === 0) out.push({ rule: 'completeness', level: 'block', key: 'noLines', field: 'lines' });
  const sum = input.paymentTerms.reduce((s, t) => s.plus(t.percent), new Money(0));
  if (input.paymentTerms.length === 0) out.push({ rule: 'completeness', level: 'block', key: 'noTerms', field: 'paymentTerms' });
  else if (!sum.equals(100))
    out.push({ rule: 'completeness', level: 'block', key: 'termsSum', params: { sum: sum.toString() }, field: 'paymentTerms' });
  if (new Money(input.amountInclTax).lessThanOrEqualTo(0) && input.lines.length > 0)
    out.push({ rule: 'completeness', level: 'block', key: 'zeroAmount', field: 'lines' });
  return out.length > 0 ? out : [{ rule: 'completeness', level: 'pass', key: 'complete' }];
}

function priceFloor(input: ReviewInput, settings: TContractSettings): StoredFinding[] {
  const below = input.lines.filter((l) => l.floorPrice !== null && new Money(l.unitPrice).lessThan(l.floorPrice));
  if (below.length === 0) return [{ rule: 'price_floor', level: 'pass', key: 'floorOk', field: 'lines' }];
  return below.map((l) => ({
    rule: 'price_floor' as const,
    level: settings.belowFloorLevel,
    key: 'belowFloor',
    params: { ...lineParams(l), price: figure(l.unitPrice), floor: figure(l.floorPrice!) },
    lineId: l.id,
    field: 'lines',
  }));
}

function margin(input: ReviewInput, settings: TContractSettings): StoredFinding[] {
  const out: StoredFinding[] = [];
  const grade = input.customer.grade;
  for (const l of input.lines) {
    if (l.marginPercent === null) continue;
    const t = marginThresholds(settings, grade, l.category);
    const m = new Money(l.marginPercent);
    if (m.lessThan(t.block))
      out.push({
        rule: 'margin',
        level: 'block',
        key: 'lineMarginBlock',
        params: { ...lineParams(l), margin: l.marginPercent, threshold: t.block.toString() },
        lineId: l.id,
        field: 'lines',
      });
    else if (m.lessThan(t.warn))
      out.push({
        rule: 'margin',
        level: 'warn',
        key: 'lineMarginWarn',
        params: { ...lineParams(l), margin: l.marginPercent, threshold: t.warn.toString() },
        lineId: l.id,
        field: 'lines',
      });
  }
  const t = marginThresholds(settings, grade, null);
  if (input.marginPercent === null) {
    if (input.lines.length > 0) out.push({ rule: 'margin', level: 'warn', key: 'marginUnknown', field: 'lines' });
  } else {
    const m = new Money(input.marginPercent);
    if (m.lessThan(t.block))
      out.push({
        rule: 'margin',
        level: 'block',
        key: 'marginBlock',
        params: { margin: input.marginPercent, threshold: t.block.toString() },
        field: 'lines',
      });
    else if (m.lessThan(t.warn))
      out.push({
        rule: 'margin',
        level: 'warn',
        key: 'marginWarn',
        params: { margin: input.marginPercent, threshold: t.warn.toString() },
        field: 'lines',
      });
    else if (out.length === 0)
      out.push({
        rule: 'margin',
        level: 'pass',
        key: 'marginOk',
        params: { margin: input.marginPercent, threshold: t.warn.toString() },
        field: 'lines',
      });
  }
  return out.length > 0 ? out : [{ rule: 'margin', level: 'pass', key: 'marginNoLines' }];
}

function creditLimit(input: ReviewInput): StoredFinding[] {
  const { creditLimit: limit, openExposure } = input.customer;
  if (limit === null) return [{ rule: 'credit_limit', level: 'warn', key: 'noCreditLimit', field: 'customer' }];
  const total = new Money(openExposure).plus(input.amountInclTax);
  const params = {
    exposure: new Money(openExposure).toFixed(2),
    amount: new Money(input.amountInclTax).toFixed(2),
    total: total.toFixed(2),
    limit: new Money(limit).toFixed(2),
  };
  return total.greaterThan(limit)
    ? [{ rule: 'credit_limit', level: 'warn', key: 'overCreditLimit', params, field: 'customer' }]
    : [{ rule: 'credit_limit', level: 'pass', key: 'creditOk', params, field: 'customer' }];
}

/** Credit days: the longest wait of the milestones paid after delivery (shipment, acceptance, invoice). */
export function creditDaysOf(terms: readonly TPaymentTerm[]): number {
  return terms
    .filter((t) => t.trigger === 'shipment' || t.trigger === 'acceptance' || t.trigger === 'invoice')
    .reduce((m, t) => Math.max(m, t.days), 0);
}

export function prepaymentPercentOf(terms: readonly TPaymentTerm[]): Decimal {
  return terms.filter((t) => t.trigger === 'signing').reduce((s, t) => s.plus(t.percent), new Money(0));
}

function creditDays(input: ReviewInput, settings: TContractSettings): StoredFinding[] {
  const allowed = input.customer.creditDays ?? gradeSettings(settings, input.customer.grade).creditDays;
  const days = creditDaysOf(input.paymentTerms);
  const params = { days, allowed, grade: input.customer.grade ?? '-' };
  return days > allowed
    ? [{ rule: 'credit_days', level: 'warn', key: 'creditDaysOver', params, field: 'paymentTerms' }]
    : [{ rule: 'credit_days', level: 'pass', key: 'creditDaysOk', params, field: 'paymentTerms' }];
}

function prepayment(input: ReviewInput, settings: TContractSettings): StoredFinding[] {
  const required = new Money(gradeSettings(settings, input.customer.grade).prepaymentPercent);
  const given = prepaymentPercentOf(input.paymentTerms);
  const params = { given: given.toString(), required: required.toString(), grade: input.customer.grade ?? '-' };
  return given.lessThan(required)
    ? [{ rule: 'prepayment', level: 'warn', key: 'prepaymentLow', params, field: 'paymentTerms' }]
    : [{ rule: 'prepayment', level: 'pass', key: 'prepaymentOk', params, field: 'paymentTerms' }];
}

function deliveryDate(input: ReviewInput): StoredFinding[] {
  const from = input.signedDate && input.signedDate > input.today ? input.signedDate : input.today;
  const out: StoredFinding[] = [];
  for (const l of input.lines) {
    const wanted = l.wantedDeliveryDate ?? input.deliveryDate;
    if (wanted === null || l.leadTimeDays === null) continue;
    const earliest = addDays(from, l.leadTimeDays);
    if (wanted < earliest)
      out.push({
        rule: 'delivery_date',
        level: 'warn',
        key: 'deliveryTooEarly',
        params: { ...lineParams(l), wanted, earliest, days: l.leadTimeDays },
        lineId: l.id,
        field: 'lines',
      });
  }
  return out.length > 0 ? out : [{ rule: 'delivery_date', level: 'pass', key: 'deliveryOk', field: 'lines' }];
}

function warranty(input: ReviewInput, settings: TContractSettings): StoredFinding[] {
  const standard =
    input.lines.reduce<number | null>(
      (m, l) => (l.standardWarrantyMonths === null ? m : Math.max(m ?? 0, l.standardWarrantyMonths)),
      null,
    ) ?? 12;
  const allowed = standard + settings.warrantyExtraMonths;
  const params = { months: input.warrantyMonths, allowed, standard };
  return input.warrantyMonths > allowed
    ? [{ rule: 'warranty', level: 'warn', key: 'warrantyLong', params, field: 'warrantyMonths' }]
    : [{ rule: 'warranty', level: 'pass', key: 'warrantyOk', params, field: 'warrantyMonths' }];
}

function nonStandard(input: ReviewInput): StoredFinding[] {
  const open = input.lines.filter((l) => l.isNonStandard && !l.isTechnicallyReviewed);
  if (open.length === 0) return [{ rule: 'non_standard', level: 'pass', key: 'nonStandardOk', field: 'lines' }];
  return open.map((l) => ({
    rule: 'non_standard' as const,
    level: 'warn' as const,
    key: 'nonStandardUnreviewed',
    params: lineParams(l),
    lineId: l.id,
    field: 'lines',
  }));
}

function penaltyCap(input: ReviewInput, settings: TContractSettings): StoredFinding[] {
  const cap = new Money(input.latePenalty.capPercent);
  const params = { cap: cap.toString(), allowed: new Money(settings.penaltyCapPercent).toString() };
  return cap.greaterThan(settings.penaltyCapPercent)
    ? [{ rule: 'penalty_cap', level: 'warn', key: 'penaltyHigh', params, field: 'latePenalty' }]
    : [{ rule: 'penalty_cap', level: 'pass', key: 'penaltyOk', params, field: 'latePenalty' }];
}

/** Runs every rule; the worst finding is the contract's level and the findings choose the approval route. */
export function reviewContract(input: ReviewInput, settings: TContractSettings, ranAt: Date): StoredReview {
  const findings = [
    ...completeness(input),
    ...priceFloor(input, settings),
    ...margin(input, settings),
    ...creditLimit(input),
    ...creditDays(input, settings),
    ...prepayment(input, settings),
    ...deliveryDate(input),
    ...warranty(input, settings),
    ...nonStandard(input),
    ...penaltyCap(input, settings),
  ];
  const level = worst(findings.map((f) => f.level));
  const route = new Set<TReviewRouteStep>(['manager']);
  for (const f of findings) {
    if (f.level === 'pass') continue;
    const extra = ROUTE_OF_RULE[f.rule];
    if (extra) route.add(extra);
    if (f.level === 'block') route.add('special');
  }
  if (new Money(input.amountInclTax).greaterThan(settings.directorAmountThreshold)) route.add('director');
  if (route.has('special')) route.add('director');
  return { findings, level, route: ROUTE_ORDER.filter((s) => route.has(s)), ranAt: ranAt.toISOString() };
}

export const DEFAULT_CONTRACT_SETTINGS: TContractSettings = {
  numberPattern: 'HT{yyyy}{mm}-{seq:5}',
  marginWarnPercent: '15',
  marginBlockPercent: '5',
  penaltyCapPercent: '10',
  warrantyExtraMonths: 12,
  belowFloorLevel: 'warn',
  grades: {
    A: { creditDays: 90, prepaymentPercent: '0' },
    B: { creditDays: 60, prepaymentPercent: '10' },
    C: { creditDays: 30, prepaymentPercent: '30' },
    D: { creditDays: 0, prepaymentPercent: '50' },
  },
  categories: [],
  directorAmountThreshold: '5000000.00',
};
