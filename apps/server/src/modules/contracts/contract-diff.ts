import type { TContractDiff, TContractDiffEntry } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { translate, type Locale } from '../../kernel/i18n.ts';
import { toMoneyString } from '../../kernel/money.ts';
import { plain } from './contract-dto.ts';
import type * as repo from './contracts.repository.ts';

function lineKey(l: repo.ContractLineRow): string {
  return l.requirementLineId ?? l.productId ?? `${l.name}|${l.spec ?? ''}`;
}

function termsText(locale: Locale, v: repo.ContractVersionRow): string {
  return v.paymentTerms
    .map(
      (t) =>
        `${translate(locale, `contracts.trigger.${t.trigger}`)} ${t.percent}%${t.trigger === 'fixed_date' ? ` ${t.date}` : ` +${t.days}`}`,
    )
    .join(', ');
}

/** The readable differences between two versions: lines added, removed and changed, and changed terms. */
export function diffVersions(
  locale: Locale,
  from: repo.ContractVersionRow,
  fromLines: repo.ContractLineRow[],
  to: repo.ContractVersionRow,
  toLines: repo.ContractLineRow[],
): TContractDiff {
  const entries: TContractDiffEntry[] = [];
  const t = (key: string, params: Record<string, unknown>) => translate(locale, `contracts.diff.${key}`, params);
  const field = (name: string) => translate(locale, `contracts.field.${name}`);
  const before = new Map(fromLines.map((l) => [lineKey(l), l]));
  const seen = new Set<string>();
  for (const l of toLines) {
    const key = lineKey(l);
    const old = before.get(key);
    const subject = l.materialCode ?? l.name;
    if (!old) {
      entries.push({
        kind: 'line_added',
        subject,
        field: null,
        before: null,
        after: plain(l.qty),
        message: t('lineAdded', { subject, qty: plain(l.qty), price: plain(l.unitPrice) }),
      });
      continue;
    }
    seen.add(key);
    for (const f of ['qty', 'unitPrice', 'taxRate'] as const) {
      if (!new Decimal(old[f]).equals(l[f])) {
        entries.push({
          kind: 'line_changed',
          subject,
          field: f,
          before: plain(old[f]),
          after: plain(l[f]),
          message: t('lineChanged', { subject, field: field(f), before: plain(old[f]), after: plain(l[f]) }),
        });
      }
    }
    if ((old.wantedDeliveryDate ?? '') !== (l.wantedDeliveryDate ?? '')) {
      entries.push({
        kind: 'line_changed',
        subject,
        field: 'wantedDeliveryDate',
        before: old.wantedDeliveryDate,
        after: l.wantedDeliveryDate,
        message: t('lineChanged', {
          subject,
          field: field('wantedDeliveryDate'),
          before: old.wantedDeliveryDate ?? '-',
          after: l.wantedDeliveryDate ?? '-',
        }),
      });
    }
  }
  for (const [key, l] of before) {
    if (seen.has(key)) continue;
    const subject = l.materialCode ?? l.name;
    entries.push({
      kind: 'line_removed',
      subject,
      field: null,
      before: plain(l.qty),
      after: null,
      message: t('lineRemoved', { subject }),
    });
  }
  const fromTerms = termsText(locale, from);
  const toTerms = termsText(locale, to);
  if (fromTerms !== toTerms)
    entries.push({
      kind: 'terms_changed',
      subject: 'paymentTerms',
      field: 'paymentTerms',
      before: fromTerms,
      after: toTerms,
      message: t('termsChanged', { before: fromTerms, after: toTerms }),
    });
  const scalar: [string, string, string][] = [
    ['warrantyMonths', String(from.warrantyMonths), String(to.warrantyMonths)],
    ['latePenalty', from.latePenalty.capPercent, to.latePenalty.capPercent],
    ['deliveryTerms', JSON.stringify(from.deliveryTerms), JSON.stringify(to.deliveryTerms)],
  ];
  for (const [name, b, a] of scalar) {
    if (b !== a)
      entries.push({
        kind: 'field_changed',
        subject: name,
        field: name,
        before: b,
        after: a,
        message: t('fieldChanged', { field: field(name), before: b, after: a }),
      });
  }
  return {
    fromVersionNo: from.versionNo,
    toVersionNo: to.versionNo,
    amountBefore: toMoneyString(from.amountInclTax),
    amountAfter: toMoneyString(to.amountInclTax),
    entries,
  };
}
