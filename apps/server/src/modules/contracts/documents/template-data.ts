import {
  chineseCapitalAmount,
  formatMoneyText,
  milestoneAmounts,
  PAYMENT_MILESTONE_LABELS,
  paymentTermSentences,
  paymentTermsText,
  type TContract,
  type TContractType,
} from '@crm/contracts';

/** "100.0000" → "100", "2.5000" → "2.5". */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** Unit prices keep at least two decimals: "123.450000" → "123.45", "0.123400" → "0.1234". */
export function formatUnitPrice(value: string): string {
  const [int = '0', frac = ''] = value.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${trimmed.padEnd(2, '0')}`;
}

/** A rate stored as a fraction ("0.13") written as a percentage ("13%"), exactly. */
export function formatTaxRate(rate: string): string {
  const [int = '0', frac = ''] = rate.split('.');
  const hundredths = (frac + '0000').slice(0, 4);
  const whole = Number(int) * 100 + Number(hundredths.slice(0, 2));
  const rest = hundredths.slice(2).replace(/0+$/, '');
  return `${whole}${rest ? `.${rest}` : ''}%`;
}

const percentText = (p: string | null | undefined) => (p ? `${trimDecimal(p)}%` : '');

const TYPE_LABEL: Record<TContractType, string> = {
  standard: '标准合同',
  framework: '框架合同',
  non_standard: '非标合同',
  overseas: '海外合同',
};

/**
 * The values a contract template is rendered with (see docs/contract-documents.md for the list).
 * Amounts are written with thousands separators, quantities without trailing zeros, rates as %.
 */
export function contractTemplateData(c: TContract, opts: { today: string }): Record<string, unknown> {
  const amount = c.totals.amountInclTax;
  const terms = c.paymentTerms;
  const sentences = paymentTermSentences(terms, { amountInclTax: amount, currency: c.currency, warrantyMonths: c.warrantyMonths });
  const shares =
    terms.length > 0
      ? milestoneAmounts(
          amount,
          terms.map((t) => t.percent),
        )
      : [];
  return {
    number: c.number ?? '',
    title: c.title,
    contractType: TYPE_LABEL[c.type],
    customerName: c.customerName ?? '',
    ownerName: c.ownerName ?? '',
    signedDate: c.signedDate ?? '',
    generatedDate: opts.today,
    currency: c.currency,
    amountInclTax: formatMoneyText(amount),
    amountInclTaxWords: `${c.currency === 'CNY' ? '人民币' : `${c.currency} `}${chineseCapitalAmount(amount)}`,
    amountExclTax: formatMoneyText(c.totals.amountExclTax),
    taxAmount: formatMoneyText(c.totals.taxAmount),
    warrantyMonths: String(c.warrantyMonths),
    deliveryPlace: c.deliveryTerms.place ?? '',
    deliveryDate: c.deliveryTerms.deliveryDate ?? '',
    incoterm: c.deliveryTerms.incoterm ?? '',
    penaltyCap: percentText(c.latePenalty.capPercent),
    penaltyRatePerDay: percentText(c.latePenalty.ratePercentPerDay),
    paymentTermsText:
      terms.length > 0 ? paymentTermsText(terms, { amountInclTax: amount, currency: c.currency, warrantyMonths: c.warrantyMonths }) : '',
    lines: c.lines.map((l) => ({
      position: String(l.position),
      materialCode: l.materialCode ?? '',
      name: l.name,
      spec: l.spec ?? '',
      unit: l.unit ?? '',
      qty: trimDecimal(l.qty),
      unitPrice: formatUnitPrice(l.unitPrice),
      taxRate: formatTaxRate(l.taxRate),
      amountInclTax: formatMoneyText(l.amountInclTax),
      wantedDeliveryDate: l.wantedDeliveryDate ?? c.deliveryTerms.deliveryDate ?? '',
    })),
    paymentTerms: terms.map((t, i) => ({
      no: String(i + 1),
      label: t.label?.trim() || PAYMENT_MILESTONE_LABELS[t.trigger],
      percent: percentText(t.percent),
      days: String(t.days),
      amount: formatMoneyText(shares[i]!),
      sentence: sentences[i]!,
    })),
  };
}
