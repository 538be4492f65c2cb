import { describe, expect, it } from 'vitest';
import { formatMoneyText, milestoneAmounts, paymentTermSentences, paymentTermsText } from './contract-documents.ts';
import { chineseCapitalAmount } from './quotes.ts';

describe('contract amount in words (大写金额)', () => {
  it.each([
    ['123456.78', '壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
    ['120000', '壹拾贰万元整'],
    ['120000.50', '壹拾贰万元伍角整'],
    ['1000000.08', '壹佰万元零捌分'],
    ['305060.00', '叁拾万零伍仟零陆拾元整'],
  ])('%s → %s', (amount, words) => {
    expect(chineseCapitalAmount(amount)).toBe(words);
  });
});

describe('milestone amounts', () => {
  it('rounds each share half-up to the fen and gives the rest to the last milestone', () => {
    expect(milestoneAmounts('100.01', ['33.33', '33.33', '33.34'])).toEqual(['33.33', '33.33', '33.35']);
    expect(milestoneAmounts('0.05', ['50', '50'])).toEqual(['0.03', '0.02']);
    expect(milestoneAmounts('120000.00', ['30', '60', '10'])).toEqual(['36000.00', '72000.00', '12000.00']);
  });

  it('never loses a fen', () => {
    const parts = milestoneAmounts('987654.31', ['12.5', '37.25', '50.25']);
    const fen = parts.reduce((s, p) => s + Math.round(Number(p) * 100), 0);
    expect(fen).toBe(98765431);
  });

  it('writes thousands separators', () => {
    expect(formatMoneyText('1234567.8')).toBe('1,234,567.80');
    expect(formatMoneyText('12')).toBe('12.00');
  });
});

describe('payment terms in words', () => {
  const contract = { amountInclTax: '120000.00', currency: 'CNY', warrantyMonths: 24 };

  it('writes one zh-CN sentence per milestone with its share of the amount', () => {
    const sentences = paymentTermSentences(
      [
        { trigger: 'signing', percent: '30', days: 10 },
        { trigger: 'shipment', percent: '60', days: 30, label: '到货款' },
        { trigger: 'warranty_end', percent: '10', days: 0 },
      ],
      contract,
    );
    expect(sentences).toEqual([
      '预付款：合同签订后 10 日内，买方支付合同总额的 30%，计人民币 36,000.00 元。',
      '到货款：每批货物发货后 30 日内，买方按该批发货金额的 60% 支付，合计人民币 72,000.00 元。',
      '质保金：合同总额的 10%，计人民币 12,000.00 元作为质保金，于质保期（24 个月）届满时支付。',
    ]);
  });

  it('covers acceptance, invoice and fixed dates, and foreign currencies', () => {
    const text = paymentTermsText(
      [
        { trigger: 'acceptance', percent: '40.5', days: 15 },
        { trigger: 'invoice', percent: '9.5', days: 0 },
        { trigger: 'fixed_date', percent: '50', days: 0, date: '2027-03-31' },
      ],
      { amountInclTax: '10000', currency: 'USD', warrantyMonths: 12 },
    );
    expect(text.split('\n')).toEqual([
      '1. 验收款：货物验收合格后 15 日内，买方支付合同总额的 40.5%，计 USD 4,050.00。',
      '2. 开票款：买方收到卖方开具的发票时，买方支付合同总额的 9.5%，计 USD 950.00。',
      '3. 约定日期付款：买方于 2027-03-31 前支付合同总额的 50%，计 USD 5,000.00。',
    ]);
  });
});
