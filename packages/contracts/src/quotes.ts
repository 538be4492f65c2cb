import { z } from 'zod';
import { ZBoolString, ZBusinessDate, ZDateTime, ZId, ZListQuery, ZMoney, ZVersion } from './common.ts';
import { ZCustomerGrade } from './customers.ts';
import { catalogueLineFields, ZTaxRate } from './products.ts';

/* ------------------------------------------------------------------ values */

/**
 * Lifecycle of a quote version: draft → (submit) needs_approval → approved → sent → accepted |
 * rejected; a draft that needs no approval goes to approved on submit. Any open version can
 * expire (validity date passed) or be superseded by a new version. Accepted is final and locked.
 */
export const ZQuoteStatusValues = ['draft', 'needs_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired', 'superseded'] as const;
export const ZQuoteStatus = z.enum(ZQuoteStatusValues);
export type TQuoteStatus = z.infer<typeof ZQuoteStatus>;

/** Why a quote version needs approval before it may be sent. */
export const ZQuoteApprovalReasonCodeValues = ['below_floor', 'line_discount_beyond_limit', 'overall_discount_beyond_limit'] as const;
export const ZQuoteApprovalReasonCode = z.enum(ZQuoteApprovalReasonCodeValues);
export type TQuoteApprovalReasonCode = z.infer<typeof ZQuoteApprovalReasonCode>;

/** Quantities: positive, up to 4 decimals. */
export const ZQuoteQuantity = z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'quantity');
/** Unit prices (incl. tax): up to 6 decimals, as the database keeps them. */
export const ZQuoteUnitPrice = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'unit_price');
/** A percentage from 0 to 100 with up to 4 decimals, e.g. "12.5". */
export const ZQuotePercent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'percent')
  .refine((v) => Number(v) <= 100, 'percent');
export const ZQuoteCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'currency');

export const QUOTE_MAX_LINES = 300;

/* ------------------------------------------------------------------ lines */

/** Where the price of a line came from: the price list (which list, which rule), the list price, or typed by hand. */
export const ZQuotePriceSource = z.object({
  kind: z.enum(['price_list', 'list_price', 'manual']),
  priceListId: ZId.nullable(),
  priceListName: z.string().nullable(),
  /** The explanation as the products module gives it, e.g. "A 级客户价目表 2026: 江苏 A 级 92 折". */
  explanation: z.string(),
});
export type TQuotePriceSource = z.infer<typeof ZQuotePriceSource>;

export const ZQuoteLineInput = z.strictObject({
  ...catalogueLineFields,
  qty: ZQuoteQuantity,
  /** Unit price incl. tax before the line discount; empty means "the price the price list gives". */
  unitPrice: ZQuoteUnitPrice.nullable().optional(),
  discountPercent: ZQuotePercent.optional(),
  /** Defaults to the product's tax rate (13 % for free-text lines). */
  taxRate: ZTaxRate.nullable().optional(),
  notes: z.string().trim().max(500).nullable().optional(),
});
export type TQuoteLineInput = z.infer<typeof ZQuoteLineInput>;

export const ZQuoteLineFlag = z.enum(['below_floor', 'discount_beyond_limit']);
export type TQuoteLineFlag = z.infer<typeof ZQuoteLineFlag>;

export const ZQuoteLine = z.object({
  /** Null in a preview (the line is not stored yet). */
  id: ZId.nullable(),
  position: z.number().int(),
  productId: ZId.nullable(),
  materialCode: z.string().nullable(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string().nullable(),
  qty: ZQuoteQuantity,
  /** Catalogue list price incl. tax (null for free-text lines). */
  listPrice: ZQuoteUnitPrice.nullable(),
  /** The price the price list gives this customer (null for free-text lines), with its explanation. */
  resolvedPrice: ZQuoteUnitPrice.nullable(),
  priceSource: ZQuotePriceSource,
  unitPrice: ZQuoteUnitPrice,
  discountPercent: ZQuotePercent,
  /** Unit price after the line and overall discounts, to 6 decimals (for display and the floor check). */
  netUnitPrice: ZQuoteUnitPrice,
  taxRate: ZTaxRate,
  /** qty × unit price × (1 − line discount), half-up to the fen. */
  amount: ZMoney,
  /** This line's part of the overall discount. */
  overallDiscountShare: ZMoney,
  amountInclTax: ZMoney,
  amountExclTax: ZMoney,
  taxAmount: ZMoney,
  /** Discount from the price-list price (or the list price) that the customer finally gets, in percent, 2 decimals. */
  effectiveDiscountPercent: z.string(),
  flags: z.array(ZQuoteLineFlag),
  /** Visible only to holders of the floor-price field grant; null for everybody else. */
  floorPrice: ZQuoteUnitPrice.nullable(),
  notes: z.string().nullable(),
});
export type TQuoteLine = z.infer<typeof ZQuoteLine>;

/* ------------------------------------------------------------------ totals and approval */

export const ZQuoteTotals = z.object({
  /** Σ qty × list/price-list price, before any discount (free-text lines at their unit price). */
  referenceAmount: ZMoney,
  /** Σ line amounts (after line discounts, before the overall discount). */
  subtotal: ZMoney,
  overallDiscountPercent: ZQuotePercent,
  /** subtotal × overall discount %, half-up to the fen. */
  overallDiscountAmount: ZMoney,
  totalExclTax: ZMoney,
  totalTax: ZMoney,
  totalInclTax: ZMoney,
});
export type TQuoteTotals = z.infer<typeof ZQuoteTotals>;

export const ZQuoteApprovalReason = z.object({
  code: ZQuoteApprovalReasonCode,
  /** 1-based line position, for line reasons. */
  position: z.number().int().nullable(),
  productName: z.string().nullable(),
  /** The discount given and the limit it exceeds (discount reasons only). */
  discountPercent: z.string().nullable(),
  limitPercent: z.string().nullable(),
  /** The translated sentence; for readers without the floor-price grant it never names the figure. */
  message: z.string(),
});
export type TQuoteApprovalReason = z.infer<typeof ZQuoteApprovalReason>;

export const ZQuoteApprovalDecision = z.object({
  outcome: z.enum(['approved', 'refused']),
  byId: ZId.nullable(),
  byName: z.string().nullable(),
  at: ZDateTime,
  comment: z.string().nullable(),
  /** 'manual' today; the approval engine sets its own channel and instance. */
  channel: z.string(),
});
export type TQuoteApprovalDecision = z.infer<typeof ZQuoteApprovalDecision>;

export const ZQuoteApproval = z.object({
  required: z.boolean(),
  reasons: z.array(ZQuoteApprovalReason),
  /** The discount limit that applied (the owner's roles and the customer's grade). */
  limitPercent: z.string(),
  decision: ZQuoteApprovalDecision.nullable(),
  /** The approval-engine instance while one runs (null when approved by hand). */
  instanceId: z.string().nullable(),
});
export type TQuoteApproval = z.infer<typeof ZQuoteApproval>;

/* ------------------------------------------------------------------ quote */

export const ZQuoteVersionSummary = z.object({
  id: ZId,
  versionNo: z.number().int(),
  status: ZQuoteStatus,
  totalInclTax: ZMoney,
  validUntil: ZBusinessDate,
  requiresApproval: z.boolean(),
  createdAt: ZDateTime,
  createdByName: z.string().nullable(),
  isCurrent: z.boolean(),
});
export type TQuoteVersionSummary = z.infer<typeof ZQuoteVersionSummary>;

export const ZQuoteActions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  approve: z.boolean(),
  send: z.boolean(),
  accept: z.boolean(),
  reject: z.boolean(),
  newVersion: z.boolean(),
});
export type TQuoteActions = z.infer<typeof ZQuoteActions>;

export const ZQuote = z.object({
  id: ZId,
  number: z.string(),
  title: z.string(),
  opportunityId: ZId,
  opportunityName: z.string().nullable(),
  customerId: ZId,
  customerName: z.string().nullable(),
  customerGrade: ZCustomerGrade.nullable(),
  ownerId: ZId,
  ownerName: z.string().nullable(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  currency: z.string(),
  /** The status of the version shown (the current one unless an old version was asked for). */
  status: ZQuoteStatus,
  versionId: ZId,
  versionNo: z.number().int(),
  isCurrentVersion: z.boolean(),
  currentVersionNo: z.number().int(),
  validUntil: ZBusinessDate,
  /** The business date the prices were resolved for. */
  priceDate: ZBusinessDate,
  paymentTerms: z.string().nullable(),
  deliveryTerms: z.string().nullable(),
  notes: z.string().nullable(),
  lines: z.array(ZQuoteLine),
  totals: ZQuoteTotals,
  approval: ZQuoteApproval,
  submittedAt: ZDateTime.nullable(),
  sentAt: ZDateTime.nullable(),
  acceptedAt: ZDateTime.nullable(),
  rejectedAt: ZDateTime.nullable(),
  rejectReason: z.string().nullable(),
  versions: z.array(ZQuoteVersionSummary),
  /** What the reader may do now (the server checks again on every action). */
  actions: ZQuoteActions,
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TQuote = z.infer<typeof ZQuote>;

export const ZQuoteListItem = z.object({
  id: ZId,
  number: z.string(),
  title: z.string(),
  opportunityId: ZId,
  opportunityName: z.string().nullable(),
  customerId: ZId,
  customerName: z.string().nullable(),
  ownerId: ZId,
  ownerName: z.string().nullable(),
  status: ZQuoteStatus,
  versionNo: z.number().int(),
  currency: z.string(),
  totalInclTax: ZMoney,
  validUntil: ZBusinessDate,
  requiresApproval: z.boolean(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TQuoteListItem = z.infer<typeof ZQuoteListItem>;

/* ------------------------------------------------------------------ requests */

const ZQuoteTextFields = {
  title: z.string().trim().min(1).max(200).optional(),
  currency: ZQuoteCurrency.optional(),
  validUntil: ZBusinessDate.optional(),
  overallDiscountPercent: ZQuotePercent.optional(),
  paymentTerms: z.string().trim().max(2000).nullable().optional(),
  deliveryTerms: z.string().trim().max(2000).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
};

export const ZCreateQuote = z.strictObject({
  opportunityId: ZId,
  ...ZQuoteTextFields,
  lines: z.array(ZQuoteLineInput).max(QUOTE_MAX_LINES).default([]),
});
export type TCreateQuote = z.input<typeof ZCreateQuote>;

/** Changes the current draft version; `lines`, when given, replace all lines. */
export const ZUpdateQuote = z.strictObject({
  version: ZVersion,
  ...ZQuoteTextFields,
  lines: z.array(ZQuoteLineInput).max(QUOTE_MAX_LINES).optional(),
});
export type TUpdateQuote = z.infer<typeof ZUpdateQuote>;

/** Prices, totals and approval flags of lines as they would be saved (nothing is stored). */
export const ZQuotePreviewRequest = z.strictObject({
  /** The opportunity of a new quote, or… */
  opportunityId: ZId.optional(),
  /** …the quote being edited (its customer, owner and price date apply). */
  quoteId: ZId.optional(),
  overallDiscountPercent: ZQuotePercent.optional(),
  lines: z.array(ZQuoteLineInput).max(QUOTE_MAX_LINES),
});
export type TQuotePreviewRequest = z.infer<typeof ZQuotePreviewRequest>;

export const ZQuotePreview = z.object({
  currency: z.string(),
  priceDate: ZBusinessDate,
  lines: z.array(ZQuoteLine),
  totals: ZQuoteTotals,
  approval: ZQuoteApproval,
});
export type TQuotePreview = z.infer<typeof ZQuotePreview>;

export const ZQuoteVersionRequest = z.strictObject({ version: ZVersion });
export type TQuoteVersionRequest = z.infer<typeof ZQuoteVersionRequest>;

export const ZQuoteApprovalRequest = z.strictObject({
  version: ZVersion,
  decision: z.enum(['approve', 'refuse']),
  comment: z.string().trim().max(1000).nullable().optional(),
});
export type TQuoteApprovalRequest = z.infer<typeof ZQuoteApprovalRequest>;

export const ZQuoteAcceptRequest = z.strictObject({
  version: ZVersion,
  note: z.string().trim().max(1000).nullable().optional(),
});
export type TQuoteAcceptRequest = z.infer<typeof ZQuoteAcceptRequest>;

export const ZQuoteRejectRequest = z.strictObject({
  version: ZVersion,
  reason: z.string().trim().min(1).max(1000),
});
export type TQuoteRejectRequest = z.infer<typeof ZQuoteRejectRequest>;

export const ZQuoteVersionParams = z.object({ id: ZId, versionNo: z.coerce.number().int().min(1) });

export const ZQuoteSortValues = [
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'number',
  '-number',
  'totalInclTax',
  '-totalInclTax',
  'validUntil',
  '-validUntil',
] as const;
export const ZQuoteSort = z.enum(ZQuoteSortValues);
export type TQuoteSort = z.infer<typeof ZQuoteSort>;

export const ZQuoteListQuery = ZListQuery.extend({
  /** Number, title or customer name. */
  q: z.string().trim().max(100).optional(),
  status: z
    .array(ZQuoteStatus)
    .or(ZQuoteStatus.transform((s) => [s]))
    .optional(),
  opportunityId: ZId.optional(),
  customerId: ZId.optional(),
  ownerId: ZId.optional(),
  mine: ZBoolString.optional(),
  requiresApproval: ZBoolString.optional(),
  /** Quotes valid until this business date or earlier. */
  validUntilTo: ZBusinessDate.optional(),
  sort: ZQuoteSort.default('-updatedAt'),
});
export type TQuoteListQuery = z.infer<typeof ZQuoteListQuery>;

export const ZQuoteExportQuery = z.object({
  versionNo: z.coerce.number().int().min(1).optional(),
  lang: z.enum(['zh-CN', 'en-US']).optional(),
});
export type TQuoteExportQuery = z.infer<typeof ZQuoteExportQuery>;

/* ------------------------------------------------------------------ settings */

export const ZQuoteDiscountLimit = z.object({
  /** A role code (e.g. sales_rep). */
  roleCode: z.string().min(1).max(60),
  /** Null: any customer grade. */
  customerGrade: ZCustomerGrade.nullable(),
  maxDiscountPercent: ZQuotePercent,
});
export type TQuoteDiscountLimit = z.infer<typeof ZQuoteDiscountLimit>;

export const ZQuoteSettings = z.object({
  /** Numbering pattern, e.g. BJ{yyyy}{mm}-{seq:5}. */
  numberPattern: z.string().trim().min(3).max(60),
  /** Validity of a new quote, in days from its creation. */
  validityDays: z.number().int().min(1).max(365),
  companyName: z.string().trim().min(1).max(200),
  companyAddress: z.string().trim().max(300).nullable(),
  companyPhone: z.string().trim().max(60).nullable(),
  companyTaxId: z.string().trim().max(30).nullable(),
  /** A limit per role, optionally per customer grade; a user's limit is the highest of their roles'. */
  discountLimits: z.array(ZQuoteDiscountLimit).max(200),
  version: ZVersion,
});
export type TQuoteSettings = z.infer<typeof ZQuoteSettings>;

export const ZUpdateQuoteSettings = ZQuoteSettings.strict();
export type TUpdateQuoteSettings = z.infer<typeof ZUpdateQuoteSettings>;

/** The company header of the printable page and the export. */
export const ZQuoteCompany = z.object({
  companyName: z.string(),
  companyAddress: z.string().nullable(),
  companyPhone: z.string().nullable(),
  companyTaxId: z.string().nullable(),
});
export type TQuoteCompany = z.infer<typeof ZQuoteCompany>;

/** Quote problem codes the web app reacts to. */
export const QuoteErrorCode = {
  QUOTE_NOT_EDITABLE: 'QUOTE_NOT_EDITABLE',
  QUOTE_NEEDS_APPROVAL: 'QUOTE_NEEDS_APPROVAL',
  QUOTE_STATUS_CONFLICT: 'QUOTE_STATUS_CONFLICT',
  QUOTE_EXPIRED: 'QUOTE_EXPIRED',
  QUOTE_NO_LINES: 'QUOTE_NO_LINES',
} as const;

/* ------------------------------------------------------------------ amount in Chinese capitals */

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CAPITAL_SMALL_UNITS = ['', '拾', '佰', '仟'];
const CAPITAL_BIG_UNITS = ['', '万', '亿', '万亿'];

/**
 * An amount in Chinese capital numerals as written on invoices and contracts (大写金额), e.g.
 * "1004.50" → "壹仟零肆元伍角整", "100.05" → "壹佰元零伍分", "100000.00" → "壹拾万元整".
 * Works on the decimal string's digits (rounded half-up to the fen), never through a float.
 */
export function chineseCapitalAmount(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`Not a decimal amount: ${value}`);
  const [, sign = '', intDigits = '0', fraction = ''] = match;
  // Half-up to the fen on the digits.
  let fen = BigInt(intDigits) * 100n + BigInt((fraction + '00').slice(0, 2));
  if ((fraction[2] ?? '0') >= '5') fen += 1n;
  if (fen === 0n) return '零元整';
  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const fenDigit = Number(fen % 10n);
  let text = '';
  if (yuan > 0n) text = `${integerInCapitals(yuan.toString())}元`;
  if (jiao === 0 && fenDigit === 0) return `${sign ? '负' : ''}${text}整`;
  if (jiao > 0) text += `${CAPITAL_DIGITS[jiao]}角`;
  else if (yuan > 0n) text += '零';
  if (fenDigit > 0) text += `${CAPITAL_DIGITS[fenDigit]}分`;
  else text += '整';
  return `${sign ? '负' : ''}${text}`;
}

function integerInCapitals(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  if (groups.length > CAPITAL_BIG_UNITS.length) throw new Error('Amount too large');
  let out = '';
  let pendingZero = false;
  groups.forEach((group, gi) => {
    const bigUnit = CAPITAL_BIG_UNITS[groups.length - 1 - gi]!;
    const padded = group.padStart(4, '0');
    if (/^0+$/.test(padded)) {
      pendingZero = out.length > 0;
      return;
    }
    let part = '';
    for (let i = 0; i < 4; i++) {
      const d = Number(padded[i]);
      if (d === 0) {
        if (part.length > 0 || out.length > 0) pendingZero = true;
        continue;
      }
      if (pendingZero) part += '零';
      pendingZero = false;
      part += CAPITAL_DIGITS[d]! + CAPITAL_SMALL_UNITS[3 - i]!;
    }
    out += part + bigUnit;
  });
  return out;
}
