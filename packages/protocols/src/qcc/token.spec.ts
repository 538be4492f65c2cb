import { describe, expect, it } from 'vitest';
import { isValidQccToken, qccAuthHeaders, qccToken } from './token.ts';

describe('QCC request signature', () => {
  it('matches the known-answer vector', () => {
    expect(qccToken('KEY', '1700000000', 'SECRET')).toBe('BEB63E31287AA62975FE7DFD463529CA');
  });

  it('signs with whole unix seconds of the given instant', () => {
    expect(qccAuthHeaders('KEY', 'SECRET', new Date(1_700_000_000_999))).toEqual({
      Timespan: '1700000000',
      Token: 'BEB63E31287AA62975FE7DFD463529CA',
    });
  });

  it('accepts the token in lower case and refuses a token of another secret or time', () => {
    expect(isValidQccToken('beb63e31287aa62975fe7dfd463529ca', 'KEY', '1700000000', 'SECRET')).toBe(true);
    expect(isValidQccToken(qccToken('KEY', '1700000000', 'OTHER'), 'KEY', '1700000000', 'SECRET')).toBe(false);
    expect(isValidQccToken('BEB63E31287AA62975FE7DFD463529CA', 'KEY', '1700000001', 'SECRET')).toBe(false);
    expect(isValidQccToken('short', 'KEY', '1700000000', 'SECRET')).toBe(false);
  });
});
