import { z } from 'zod';
import { ZBusinessDate, ZDateTime, ZId, ZVersion } from './common.ts';
import { ZContractType, type TPaymentTerm } from './contracts.ts';

/* ------------------------------------------------------------------ kinds */

/**
 * What a document of a contract's archive (档案) is. `contract_text` is the contract text made
 * from a template (or an edited copy of it): kept apart from `other` so that generated drafts
 * never count as an archived document of another kind.
 */
export const ZContractDocumentKindValues = [
  'bid_award_notice',
  'signed_original',
  'technical_agreement',
  'commercial_attachment',
  'acceptance_note',
  'contract_text',
  'other',
] as const;
export const ZContractDocumentKind = z.enum(ZContractDocumentKindValues);
export type TContractDocumentKind = z.infer<typeof ZContractDocumentKind>;

/** The kinds a contract type may require in its archive (the generated text never is). */
export const ZArchiveKindValues = [
  'bid_award_notice',
  'signed_original',
  'technical_agreement',
  'commercial_attachment',
  'acceptance_note',
  'other',
] as const;
export const ZArchiveKind = z.enum(ZArchiveKindValues);

/** The order of the merged archive PDF: the signed original first, then the annexes. */
export const ARCHIVE_PDF_ORDER: readonly TContractDocumentKind[] = [
  'signed_original',
  'commercial_attachment',
  'technical_agreement',
  'bid_award_notice',
  'acceptance_note',
  'contract_text',
  'other',
];

export const ZContractDocumentSource = z.enum(['uploaded', 'generated']);
export type TContractDocumentSource = z.infer<typeof ZContractDocumentSource>;

/* ------------------------------------------------------------------ documents */

export const ZContractDocumentVersion = z.object({
  id: ZId,
  versionNo: z.number().int(),
  fileId: ZId,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedById: ZId.nullable(),
  uploadedByName: z.string().nullable(),
  uploadedAt: ZDateTime,
  /** Set when the version was generated from a template. */
  templateId: ZId.nullable(),
  templateName: z.string().nullable(),
  templateVersionNo: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type TContractDocumentVersion = z.infer<typeof ZContractDocumentVersion>;

export const ZContractDocument = z.object({
  id: ZId,
  contractId: ZId,
  kind: ZContractDocumentKind,
  title: z.string(),
  source: ZContractDocumentSource,
  currentVersionNo: z.number().int(),
  /** Newest first. */
  versions: z.array(ZContractDocumentVersion),
  createdAt: ZDateTime,
  createdByName: z.string().nullable(),
  updatedAt: ZDateTime,
  version: ZVersion,
});
export type TContractDocument = z.infer<typeof ZContractDocument>;

/** Whether a contract's archive holds every kind its type requires. */
export const ZContractArchiveStatus = z.object({
  requiredKinds: z.array(ZContractDocumentKind),
  presentKinds: z.array(ZContractDocumentKind),
  missingKinds: z.array(ZContractDocumentKind),
  isComplete: z.boolean(),
  /** When the last required kind arrived (null while incomplete). */
  archivedAt: ZDateTime.nullable(),
  /** The signed date + the archive-within days; null before signing. */
  dueDate: ZBusinessDate.nullable(),
  /** Signed, past the due date and still incomplete. */
  isOverdue: z.boolean(),
});
export type TContractArchiveStatus = z.infer<typeof ZContractArchiveStatus>;

export const ZContractDocumentList = z.object({
  items: z.array(ZContractDocument),
  archive: ZContractArchiveStatus,
  /** Documents can be deleted while the contract is a draft. */
  canDelete: z.boolean(),
});
export type TContractDocumentList = z.infer<typeof ZContractDocumentList>;

/** The text fields of the multipart upload (the file is the part named `file`). */
export const ZContractDocumentUploadFields = z.strictObject({
  kind: ZContractDocumentKind,
  title: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(500).optional(),
});
export type TContractDocumentUploadFields = z.infer<typeof ZContractDocumentUploadFields>;

export const ZContractDocumentVersionFields = z.strictObject({
  note: z.string().trim().max(500).optional(),
});

export const ZContractDocumentParams = z.object({ id: ZId, documentId: ZId });
export const ZContractDocumentVersionParams = z.object({ id: ZId, documentId: ZId, versionNo: z.coerce.number().int().min(1) });

export const ZContractDocumentGenerate = z.strictObject({
  templateId: ZId,
  note: z.string().trim().max(500).optional(),
});
export type TContractDocumentGenerate = z.infer<typeof ZContractDocumentGenerate>;

/* ------------------------------------------------------------------ templates */

export const ZContractTemplateVersion = z.object({
  versionNo: z.number().int(),
  fileId: ZId,
  fileName: z.string(),
  size: z.number().int(),
  /** Every placeholder the template uses (`lines.materialCode` inside a loop). */
  placeholders: z.array(z.string()),
  /** Placeholders that no contract field fills (they render empty). */
  unknownPlaceholders: z.array(z.string()),
  uploadedAt: ZDateTime,
  uploadedByName: z.string().nullable(),
});
export type TContractTemplateVersion = z.infer<typeof ZContractTemplateVersion>;

export const ZContractTemplate = z.object({
  id: ZId,
  name: z.string(),
  /** null: for contracts of any type. */
  contractType: ZContractType.nullable(),
  description: z.string().nullable(),
  isActive: z.boolean(),
  /** The built-in default, made at start-up; it can be deactivated but gets no new versions. */
  isBuiltin: z.boolean(),
  currentVersionNo: z.number().int(),
  /** Newest first. */
  versions: z.array(ZContractTemplateVersion),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
  version: ZVersion,
});
export type TContractTemplate = z.infer<typeof ZContractTemplate>;

export const ZContractTemplateList = z.object({ items: z.array(ZContractTemplate) });

/** Multipart fields of a new template (the .docx is the part named `file`). */
export const ZContractTemplateCreateFields = z.strictObject({
  name: z.string().trim().min(1).max(100),
  contractType: ZContractType.optional(),
  description: z.string().trim().max(500).optional(),
});
export type TContractTemplateCreateFields = z.infer<typeof ZContractTemplateCreateFields>;

export const ZContractTemplateUpdate = z.strictObject({
  version: ZVersion,
  name: z.string().trim().min(1).max(100).optional(),
  contractType: ZContractType.nullable().optional(),
  description: z.string().trim().max(500).nullable().optional(),
  isActive: z.boolean().optional(),
});
export type TContractTemplateUpdate = z.infer<typeof ZContractTemplateUpdate>;

export const ZContractTemplateListQuery = z.object({
  contractType: ZContractType.optional(),
});

/* ------------------------------------------------------------------ archive settings */

const ZArchiveKindList = z.array(ZArchiveKind).max(ZArchiveKindValues.length);
export const ZRequiredArchiveKinds = z.strictObject({
  standard: ZArchiveKindList,
  framework: ZArchiveKindList,
  non_standard: ZArchiveKindList,
  overseas: ZArchiveKindList,
});

export const ZContractArchiveSettings = z.strictObject({
  requiredKinds: ZRequiredArchiveKinds,
  /** A signed contract whose archive is not complete this many days after signing is warned about. */
  archiveWithinDays: z.number().int().min(1).max(365),
});
export type TContractArchiveSettings = z.infer<typeof ZContractArchiveSettings>;

export const ZContractArchiveSettingsResponse = ZContractArchiveSettings.extend({ version: ZVersion });
export type TContractArchiveSettingsResponse = z.infer<typeof ZContractArchiveSettingsResponse>;
export const ZContractArchiveSettingsUpdate = ZContractArchiveSettings.extend({ version: ZVersion });
export type TContractArchiveSettingsUpdate = z.infer<typeof ZContractArchiveSettingsUpdate>;

export const DEFAULT_CONTRACT_ARCHIVE_SETTINGS: TContractArchiveSettings = {
  requiredKinds: {
    standard: ['signed_original', 'commercial_attachment'],
    non_standard: ['signed_original', 'commercial_attachment', 'technical_agreement'],
    framework: ['signed_original'],
    overseas: ['signed_original', 'commercial_attachment'],
  },
  archiveWithinDays: 7,
};

/* ------------------------------------------------------------------ template placeholders */

/** Placeholders of a contract template: top-level fields, and the fields inside the two loops. */
export const CONTRACT_TEMPLATE_FIELDS = [
  'number',
  'title',
  'contractType',
  'customerName',
  'ownerName',
  'signedDate',
  'generatedDate',
  'currency',
  'amountInclTax',
  'amountInclTaxWords',
  'amountExclTax',
  'taxAmount',
  'warrantyMonths',
  'deliveryPlace',
  'deliveryDate',
  'incoterm',
  'penaltyCap',
  'penaltyRatePerDay',
  'paymentTermsText',
] as const;
export const CONTRACT_TEMPLATE_LINE_FIELDS = [
  'position',
  'materialCode',
  'name',
  'spec',
  'unit',
  'qty',
  'unitPrice',
  'taxRate',
  'amountInclTax',
  'wantedDeliveryDate',
] as const;
export const CONTRACT_TEMPLATE_PAYMENT_FIELDS = ['no', 'label', 'percent', 'days', 'amount', 'sentence'] as const;

/** Every known placeholder as reported by the template check (`lines.qty` for a field inside `{#lines}`). */
export const CONTRACT_TEMPLATE_PLACEHOLDERS: readonly string[] = [
  ...CONTRACT_TEMPLATE_FIELDS,
  'lines',
  ...CONTRACT_TEMPLATE_LINE_FIELDS.map((f) => `lines.${f}`),
  'paymentTerms',
  ...CONTRACT_TEMPLATE_PAYMENT_FIELDS.map((f) => `paymentTerms.${f}`),
];

/* ------------------------------------------------------------------ payment terms in words */

/** The zh-CN name of a milestone without a label of its own. */
export const PAYMENT_MILESTONE_LABELS: Record<TPaymentTerm['trigger'], string> = {
  signing: '预付款',
  shipment: '发货款',
  acceptance: '验收款',
  invoice: '开票款',
  warranty_end: '质保金',
  fixed_date: '约定日期付款',
};

function toFen(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`Not a money amount: ${amount}`);
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** A money amount in fen written with thousands separators and two decimals: 1234567 → "12,345.67". */
export function formatFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A decimal money string written with thousands separators: "123456.7" → "123,456.70". */
export function formatMoneyText(amount: string): string {
  return formatFen(toFen(amount));
}

/**
 * Each milestone's share of the amount (DOMAIN.md, Payment terms): `amount × percent / 100`
 * rounded half-up to the fen, the last milestone taking what remains. Exact, on integers.
 */
export function milestoneAmounts(amount: string, percents: readonly string[]): string[] {
  const total = toFen(amount);
  let given = 0n;
  return percents.map((p, i) => {
    if (i === percents.length - 1) return formatFen(total - given).replaceAll(',', '');
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(p);
    if (!m) throw new Error(`Not a percent: ${p}`);
    const hundredths = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
    // fen × hundredths / 10000, half-up (amounts are not negative).
    const share = (total * hundredths * 2n + 10000n) / 20000n;
    given += share;
    return formatFen(share).replaceAll(',', '');
  });
}

const trimPercent = (p: string) => p.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/**
 * One zh-CN sentence per milestone of the payment terms, as written in a contract, e.g.
 * "预付款：合同签订后 10 日内，买方支付合同总额的 30%，计人民币 36,000.00 元。"
 */
export function paymentTermSentences(
  terms: readonly TPaymentTerm[],
  contract: { amountInclTax: string; currency: string; warrantyMonths: number },
): string[] {
  const amounts = milestoneAmounts(
    contract.amountInclTax,
    terms.map((t) => t.percent),
  );
  const money = (a: string) =>
    contract.currency === 'CNY' ? `人民币 ${formatMoneyText(a)} 元` : ` ${contract.currency} ${formatMoneyText(a)}`;
  return terms.map((t, i) => {
    const percent = `${trimPercent(t.percent)}%`;
    const share = `合同总额的 ${percent}，计${money(amounts[i]!)}`;
    const within = (event: string) => (t.days > 0 ? `${event}后 ${t.days} 日内` : `${event}时`);
    const label = t.label?.trim() || PAYMENT_MILESTONE_LABELS[t.trigger];
    let body: string;
    switch (t.trigger) {
      case 'signing':
        body = `${within('合同签订')}，买方支付${share}`;
        break;
      case 'shipment':
        body = `${within('每批货物发货')}，买方按该批发货金额的 ${percent} 支付，合计${money(amounts[i]!)}`;
        break;
      case 'acceptance':
        body = `${within('货物验收合格')}，买方支付${share}`;
        break;
      case 'invoice':
        body = `${within('买方收到卖方开具的发票')}，买方支付${share}`;
        break;
      case 'warranty_end':
        body = `${share}作为质保金，于质保期（${contract.warrantyMonths} 个月）届满${t.days > 0 ? `后 ${t.days} 日内` : '时'}支付`;
        break;
      case 'fixed_date':
        body = `买方于 ${t.date ?? ''} 前支付${share}`;
        break;
    }
    return `${label}：${body}。`;
  });
}

/** The payment terms as one text, a numbered sentence per line. */
export function paymentTermsText(
  terms: readonly TPaymentTerm[],
  contract: { amountInclTax: string; currency: string; warrantyMonths: number },
) {
  return paymentTermSentences(terms, contract)
    .map((s, i) => `${i + 1}. ${s}`)
    .join('\n');
}
