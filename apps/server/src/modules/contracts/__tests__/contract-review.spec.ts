import type { TContractSettings } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTRACT_SETTINGS, reviewContract, type ReviewInput, type ReviewLine } from '../contract-review.ts';

const line = (over: Partial<ReviewLine> = {}): ReviewLine => ({
  id: '00000000-0000-4000-8000-000000000001',
  position: 1,
  name: '单相智能电能表',
  materialCode: 'DDZY-01',
  category: '智能电表',
  unitPrice: '100',
  floorPrice: '80',
  marginPercent: '30.00',
  wantedDeliveryDate: '2027-01-31',
  leadTimeDays: 30,
  standardWarrantyMonths: 24,
  isNonStandard: false,
  isTechnicallyReviewed: false,
  ...over,
});

const base = (over: Partial<ReviewInput> = {}): ReviewInput => ({
  today: '2026-11-02',
  signedDate: null,
  amountInclTax: '100000.00',
  marginPercent: '30.00',
  paymentTerms: [
    { trigger: 'signing', percent: '30', days: 10 },
    { trigger: 'shipment', percent: '60', days: 30 },
    { trigger: 'warranty_end', percent: '10', days: 0 },
  ],
  deliveryDate: null,
  warrantyMonths: 24,
  latePenalty: { capPercent: '5' },
  customer: { grade: 'B', creditLimit: '1000000.00', creditDays: null, openExposure: '0' },
  lines: [line()],
  ...over,
});

const settings: TContractSettings = DEFAULT_CONTRACT_SETTINGS;
const at = new Date('2026-11-02T02:00:00Z');
const run = (input: ReviewInput, s: TContractSettings = settings) => reviewContract(input, s, at);
const levelOf = (input: ReviewInput, rule: string, s?: TContractSettings) => {
  const found = run(input, s).findings.filter((f) => f.rule === rule);
  return found.reduce((w, f) => (f.level === 'block' ? 'block' : f.level === 'warn' && w !== 'block' ? 'warn' : w), 'pass');
};

describe('contract review rules', () => {
  it('passes a contract within every policy, with the manager alone on the route', () => {
    const r = run(base());
    expect(r.level).toBe('pass');
    expect(r.route).toEqual(['manager']);
    // Every rule reports, so the page shows each one passed.
    expect(new Set(r.findings.map((f) => f.rule)).size).toBe(10);
  });

  it('completeness: no lines or payment terms block', () => {
    expect(levelOf(base({ lines: [] }), 'completeness')).toBe('block');
    expect(levelOf(base({ paymentTerms: [] }), 'completeness')).toBe('block');
    expect(levelOf(base({ paymentTerms: [{ trigger: 'signing', percent: '90', days: 0 }] }), 'completeness')).toBe('block');
  });

  it('price_floor: a price equal to the floor passes, one fen below warns (or blocks when configured)', () => {
    expect(levelOf(base({ lines: [line({ unitPrice: '80' })] }), 'price_floor')).toBe('pass');
    expect(levelOf(base({ lines: [line({ unitPrice: '79.99' })] }), 'price_floor')).toBe('warn');
    expect(levelOf(base({ lines: [line({ unitPrice: '79.99' })] }), 'price_floor', { ...settings, belowFloorLevel: 'block' })).toBe(
      'block',
    );
    const f = run(base({ lines: [line({ unitPrice: '79.99' })] })).findings.find((x) => x.rule === 'price_floor')!;
    expect(f.lineId).toBe(line().id);
    expect(f.field).toBe('lines');
  });

  it('margin: 15 % passes, just below warns and adds the director, below 5 % blocks', () => {
    expect(levelOf(base({ marginPercent: '15.00', lines: [line({ marginPercent: '15.00' })] }), 'margin')).toBe('pass');
    const warn = run(base({ marginPercent: '14.99', lines: [line({ marginPercent: '14.99' })] }));
    expect(warn.findings.filter((f) => f.rule === 'margin').map((f) => f.level)).toEqual(['warn', 'warn']);
    expect(warn.route).toEqual(['manager', 'director']);
    expect(levelOf(base({ marginPercent: '5.00', lines: [line({ marginPercent: '5.00' })] }), 'margin')).toBe('warn');
    const block = run(base({ marginPercent: '4.99', lines: [line({ marginPercent: '4.99' })] }));
    expect(block.level).toBe('block');
    expect(block.route).toContain('special');
  });

  it('margin: thresholds per product category and per customer grade', () => {
    const s = { ...settings, categories: [{ category: '智能电表', marginWarnPercent: '20', marginBlockPercent: '8' }] };
    expect(levelOf(base({ lines: [line({ marginPercent: '19.99' })] }), 'margin', s)).toBe('warn');
    expect(levelOf(base({ lines: [line({ marginPercent: '7.99' })] }), 'margin', s)).toBe('block');
    const g = { ...settings, grades: { ...settings.grades, B: { ...settings.grades.B, marginWarnPercent: '10' } } };
    expect(levelOf(base({ marginPercent: '12', lines: [line({ marginPercent: '12' })] }), 'margin', g)).toBe('pass');
    expect(levelOf(base({ marginPercent: '12', lines: [line({ marginPercent: '12' })] }), 'margin')).toBe('warn');
  });

  it('credit_limit: exposure + contract equal to the limit passes, one fen over warns and adds finance', () => {
    const at = (exposure: string) =>
      base({ customer: { grade: 'B', creditLimit: '1000000.00', creditDays: null, openExposure: exposure } });
    expect(levelOf(at('900000.00'), 'credit_limit')).toBe('pass');
    const r = run(at('900000.01'));
    expect(r.findings.find((f) => f.rule === 'credit_limit')!.level).toBe('warn');
    expect(r.route).toEqual(['manager', 'finance']);
    expect(levelOf(base({ customer: { grade: 'B', creditLimit: null, creditDays: null, openExposure: '0' } }), 'credit_limit')).toBe(
      'warn',
    );
  });

  it('credit_days: the longest wait after delivery against the grade (or the customer’s own days)', () => {
    const terms = (days: number) => [
      { trigger: 'signing' as const, percent: '30', days: 0 },
      { trigger: 'acceptance' as const, percent: '70', days },
    ];
    expect(levelOf(base({ paymentTerms: terms(60) }), 'credit_days')).toBe('pass'); // grade B: 60
    expect(levelOf(base({ paymentTerms: terms(61) }), 'credit_days')).toBe('warn');
    expect(levelOf(base({ paymentTerms: terms(61), customer: { ...base().customer, creditDays: 90 } }), 'credit_days')).toBe('pass');
  });

  it('prepayment: at least the grade’s percentage on signing', () => {
    const terms = (pre: string) => [
      { trigger: 'signing' as const, percent: pre, days: 0 },
      { trigger: 'shipment' as const, percent: String(100 - Number(pre)), days: 30 },
    ];
    const gradeC = { ...base().customer, grade: 'C' as const };
    expect(levelOf(base({ paymentTerms: terms('30'), customer: gradeC }), 'prepayment')).toBe('pass');
    expect(levelOf(base({ paymentTerms: terms('29.99'), customer: gradeC }), 'prepayment')).toBe('warn');
  });

  it('delivery_date: wanted date on today + lead time passes, a day earlier warns', () => {
    expect(levelOf(base({ lines: [line({ wantedDeliveryDate: '2026-12-02' })] }), 'delivery_date')).toBe('pass');
    expect(levelOf(base({ lines: [line({ wantedDeliveryDate: '2026-12-01' })] }), 'delivery_date')).toBe('warn');
    // The contract's delivery date applies to lines without their own.
    expect(levelOf(base({ deliveryDate: '2026-11-20', lines: [line({ wantedDeliveryDate: null })] }), 'delivery_date')).toBe('warn');
  });

  it('warranty: standard + 12 months passes, one more month warns', () => {
    expect(levelOf(base({ warrantyMonths: 36 }), 'warranty')).toBe('pass');
    expect(levelOf(base({ warrantyMonths: 37 }), 'warranty')).toBe('warn');
  });

  it('non_standard: unreviewed non-standard lines warn and add the product manager', () => {
    const r = run(base({ lines: [line({ isNonStandard: true })] }));
    expect(r.findings.find((f) => f.rule === 'non_standard')!.level).toBe('warn');
    expect(r.route).toEqual(['manager', 'product_manager']);
    expect(levelOf(base({ lines: [line({ isNonStandard: true, isTechnicallyReviewed: true })] }), 'non_standard')).toBe('pass');
  });

  it('penalty_cap: 10 % passes, more warns', () => {
    expect(levelOf(base({ latePenalty: { capPercent: '10' } }), 'penalty_cap')).toBe('pass');
    expect(levelOf(base({ latePenalty: { capPercent: '10.01' } }), 'penalty_cap')).toBe('warn');
  });

  it('large contracts go to the director whatever the findings', () => {
    expect(run(base({ amountInclTax: '5000000.01', customer: { ...base().customer, creditLimit: '99999999' } })).route).toEqual([
      'manager',
      'director',
    ]);
  });
});
