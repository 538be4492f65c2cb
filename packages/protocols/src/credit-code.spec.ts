import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode, organisationCodeCheckChar } from './credit-code.ts';

describe('unified social credit code check characters', () => {
  it('computes the GB 32100 check character of published codes', () => {
    // The example code of GB 32100-2015 and the code of the QCC documentation's sample company.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(creditCodeCheckChar('9111010859963405X')).toBe('W');
    expect(isValidCreditCode('9111010859963405XW')).toBe(true);
  });

  it('refuses a changed character and letters the standard excludes', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow();
  });

  it('computes the GB 11714 organisation code check character', () => {
    // The sample company's organisation code is 59963405-X.
    expect(organisationCodeCheckChar('59963405')).toBe('X');
    expect(organisationCodeCheckChar('00000000')).toBe('0');
  });
});
