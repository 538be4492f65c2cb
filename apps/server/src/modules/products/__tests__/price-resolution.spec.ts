import { PRICE_REGIONS } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { findOverlap } from '../price-lists/price-lists.service.ts';
import {
  entryPrice,
  resolveProductPrice,
  type Candidate,
  type CandidateList,
  type PricingContext,
} from '../price-lists/price-resolution.ts';
import '../price-lists/price-lists.messages.ts';

const PRODUCT = { id: 'p1', listPrice: '1000.00' };
const EAST = [...PRICE_REGIONS.east];

function list(id: string, fields: Partial<CandidateList> = {}): CandidateList {
  return { id, name: `价目表 ${id}`, grades: [], provinces: [], priority: 0, validFrom: null, validTo: null, status: 'active', ...fields };
}
function candidate(l: CandidateList, entry: Partial<Candidate['entry']> = {}): Candidate {
  return { list: l, entry: { productId: 'p1', price: null, discountPercent: '10', validFrom: null, validTo: null, ...entry } };
}
const ctx = (fields: Partial<PricingContext> = {}): PricingContext => ({ grade: 'A', province: '江苏', date: '2026-11-02', ...fields });

describe('price resolution', () => {
  it('falls back to the list price when no list applies, and says so', () => {
    const r = resolveProductPrice(PRODUCT, [], ctx());
    expect(r).toEqual({ productId: 'p1', price: '1000.00', listPrice: '1000.00', source: null, explanation: '目录价' });
    expect(resolveProductPrice(PRODUCT, [], ctx({ locale: 'en-US' })).explanation).toBe('List price');
  });

  it('takes the list with the highest priority, whatever the price', () => {
    const low = candidate(list('low', { priority: 10 }), { discountPercent: '20' });
    const high = candidate(list('high', { priority: 20 }), { discountPercent: null, price: '950.00' });
    const r = resolveProductPrice(PRODUCT, [low, high], ctx());
    expect(r.price).toBe('950.00');
    expect(r.source?.priceListId).toBe('high');
  });

  it('among equal priorities prefers the more specific list, then the lower price, then a stable order', () => {
    const everyone = candidate(list('b-everyone', { priority: 5 }), { discountPercent: '30' });
    const gradeOnly = candidate(list('c-grade', { priority: 5, grades: ['A'] }), { discountPercent: '5' });
    const gradeAndRegion = candidate(list('d-both', { priority: 5, grades: ['A'], provinces: EAST }), { discountPercent: '2' });
    expect(resolveProductPrice(PRODUCT, [everyone, gradeOnly, gradeAndRegion], ctx()).source?.priceListId).toBe('d-both');
    expect(resolveProductPrice(PRODUCT, [everyone, gradeOnly], ctx()).source?.priceListId).toBe('c-grade');
    const cheaper = candidate(list('e-grade', { priority: 5, grades: ['A'] }), { discountPercent: '6' });
    expect(resolveProductPrice(PRODUCT, [gradeOnly, cheaper], ctx()).price).toBe('940.00');
    const twin = candidate(list('a-grade', { priority: 5, grades: ['A'] }), { discountPercent: '5' });
    expect(resolveProductPrice(PRODUCT, [gradeOnly, twin], ctx()).source?.priceListId).toBe('a-grade');
    expect(resolveProductPrice(PRODUCT, [twin, gradeOnly], ctx()).source?.priceListId).toBe('a-grade');
  });

  it('matches grade and region conditions; a customer without a province gets only lists for everywhere', () => {
    const gradeB = candidate(list('gradeB', { grades: ['B'] }));
    const east = candidate(list('east', { provinces: EAST }));
    expect(resolveProductPrice(PRODUCT, [gradeB], ctx({ grade: 'A' })).source).toBeNull();
    expect(resolveProductPrice(PRODUCT, [gradeB], ctx({ grade: 'B' })).source?.priceListId).toBe('gradeB');
    expect(resolveProductPrice(PRODUCT, [east], ctx({ province: '广东' })).source).toBeNull();
    expect(resolveProductPrice(PRODUCT, [east], ctx({ province: null })).source).toBeNull();
    expect(resolveProductPrice(PRODUCT, [east], ctx({ province: '浙江' })).source?.priceListId).toBe('east');
  });

  it('respects the validity of the list and of the entry, both ends included', () => {
    const l = list('y2026', { validFrom: '2026-01-01', validTo: '2026-12-31' });
    const c = candidate(l, { validFrom: '2026-11-01', validTo: '2026-11-30' });
    expect(resolveProductPrice(PRODUCT, [c], ctx({ date: '2026-11-01' })).source).not.toBeNull();
    expect(resolveProductPrice(PRODUCT, [c], ctx({ date: '2026-11-30' })).source).not.toBeNull();
    expect(resolveProductPrice(PRODUCT, [c], ctx({ date: '2026-10-31' })).source).toBeNull();
    expect(resolveProductPrice(PRODUCT, [c], ctx({ date: '2026-12-01' })).source).toBeNull();
    const open = candidate(l);
    expect(resolveProductPrice(PRODUCT, [open], ctx({ date: '2027-01-01' })).source).toBeNull();
    expect(resolveProductPrice(PRODUCT, [candidate(list('off', { status: 'inactive' }))], ctx()).source).toBeNull();
  });

  it('ignores entries of other products', () => {
    expect(resolveProductPrice(PRODUCT, [candidate(list('x'), { productId: 'p2' })], ctx()).source).toBeNull();
  });

  it('rounds a discounted price half-up to the fen', () => {
    expect(entryPrice({ price: null, discountPercent: '12.5' }, '99.99').toFixed(2)).toBe('87.49');
    expect(entryPrice({ price: null, discountPercent: '15' }, '0.10').toFixed(2)).toBe('0.09');
    expect(entryPrice({ price: null, discountPercent: '7.5' }, '285.00').toFixed(2)).toBe('263.63');
    expect(entryPrice({ price: '12.30', discountPercent: null }, '99.99').toFixed(2)).toBe('12.30');
  });

  it('explains the source with list name, matched grade, region name and discount', () => {
    const l = list('east-a', { name: '价目表 2026 国网 A 级', grades: ['A', 'B'], provinces: EAST, priority: 30 });
    const r = resolveProductPrice(PRODUCT, [candidate(l, { discountPercent: '8.00' })], ctx());
    expect(r.price).toBe('920.00');
    expect(r.explanation).toBe('价目表 2026 国网 A 级 · 客户等级 A · 华东 · 目录价下浮 8%');
    expect(r.source).toMatchObject({ grade: 'A', province: '江苏', region: '华东', priority: 30, discountPercent: '8' });
    // A province list that is not one whole region names the province.
    const two = list('two', { name: '苏浙价', provinces: ['江苏', '浙江'] });
    const fixed = resolveProductPrice(PRODUCT, [candidate(two, { discountPercent: null, price: '900' })], ctx({ locale: 'en-US' }));
    expect(fixed.explanation).toBe('苏浙价 · 江苏');
    expect(fixed.source?.region).toBeNull();
    expect(resolveProductPrice(PRODUCT, [candidate(list('all', { name: '通用价' }))], ctx()).explanation).toBe(
      '通用价 · 全部客户 · 目录价下浮 10%',
    );
  });
});

describe('price list entries', () => {
  it('refuses overlapping validity for the same product and accepts adjacent periods', () => {
    expect(
      findOverlap([
        { productId: 'p1', validFrom: '2026-01-01', validTo: '2026-06-30' },
        { productId: 'p1', validFrom: '2026-07-01', validTo: null },
        { productId: 'p2', validFrom: null, validTo: null },
      ]),
    ).toBeNull();
    expect(
      findOverlap([
        { productId: 'p1', validFrom: '2026-01-01', validTo: '2026-06-30' },
        { productId: 'p2' },
        { productId: 'p1', validFrom: '2026-06-30', validTo: null },
      ]),
    ).toBe(2);
    expect(findOverlap([{ productId: 'p1' }, { productId: 'p1', validFrom: '2030-01-01' }])).toBe(1);
  });
});
