import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The QCC (企查查) request signature: `Token = UPPER(hex(MD5(AppKey + Timespan + SecretKey)))`,
 * a plain concatenation without separators, sent with the `Timespan` header (unix seconds).
 */
export function qccToken(appKey: string, timespan: string, secretKey: string): string {
  return createHash('md5').update(`${appKey}${timespan}${secretKey}`, 'utf8').digest('hex').toUpperCase();
}

/** The `Timespan` header value for an instant: whole unix seconds. */
export function qccTimespan(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

/** The headers of a signed call. */
export function qccAuthHeaders(appKey: string, secretKey: string, at: Date): { Token: string; Timespan: string } {
  const timespan = qccTimespan(at);
  return { Token: qccToken(appKey, timespan, secretKey), Timespan: timespan };
}

/** Compares a received token with the expected one in constant time (case-insensitive hex). */
export function isValidQccToken(token: string, appKey: string, timespan: string, secretKey: string): boolean {
  const expected = Buffer.from(qccToken(appKey, timespan, secretKey));
  const given = Buffer.from(token.toUpperCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
