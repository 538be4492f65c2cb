import { describe, expect, it } from 'vitest';
import { chineseCapitalAmount } from './quotes.ts';

describe('amount in Chinese capitals (大写金额)', () => {
  it.each([
    ['0', '零元整'],
    ['0.05', '伍分'],
    ['0.50', '伍角整'],
    ['1', '壹元整'],
    ['10', '壹拾元整'],
    ['100.05', '壹佰元零伍分'],
    ['1004.50', '壹仟零肆元伍角整'],
    ['1010.01', '壹仟零壹拾元零壹分'],
    ['100000', '壹拾万元整'],
    ['100100', '壹拾万零壹佰元整'],
    ['10500', '壹万零伍佰元整'],
    ['10010000', '壹仟零壹万元整'],
    ['10000001', '壹仟万零壹元整'],
    ['3393.73', '叁仟叁佰玖拾叁元柒角叁分'],
    ['120000000.99', '壹亿贰仟万元玖角玖分'],
    ['2.005', '贰元零壹分'],
  ])('%s → %s', (amount, text) => {
    expect(chineseCapitalAmount(amount)).toBe(text);
  });

  it('refuses what is not an amount', () => {
    expect(() => chineseCapitalAmount('1e5')).toThrow();
  });
});
