/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters; the 9 characters from position 9 are the
 * organisation code (GB 11714, with its own check character); the 18th is a check character.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The 18th character for the first 17 of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('a credit code check character needs the first 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new Error(`character ${first17[i]} is not allowed in a credit code`);
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The 9th character of an organisation code (GB 11714) for its first 8 (digits and upper-case letters). */
export function organisationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new Error('an organisation code has 8 digits or upper-case letters before its check character');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** True when the code has the right shape and check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
