/**
 * Exact arithmetic on decimal text for what the screen shows while a draft is edited (the server
 * computes and stores every amount; nothing computed here is sent). BigInt, never floats.
 */

function scaled(value: string, scale: number): bigint | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > scale) return null;
  const n = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -n : n;
}

function fenText(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** qty × unit price, rounded half-up to the fen (as the server does); null when either is not a number. */
export function lineAmount(qty: string, unitPrice: string): string | null {
  const q = scaled(qty, 4);
  const p = scaled(unitPrice, 6);
  if (q === null || p === null || q < 0n || p < 0n) return null;
  // Scale 10 → scale 2: divide by 10^8, half-up.
  const product = q * p;
  const fen = (product + 50_000_000n) / 100_000_000n;
  return fenText(fen);
}

/** The exact sum of amounts in yuan ("12.30" + "0.70" = "13.00"); null when one is not an amount. */
export function sumAmounts(values: readonly string[]): string | null {
  let total = 0n;
  for (const v of values) {
    const fen = scaled(v, 2);
    if (fen === null) return null;
    total += fen;
  }
  return fenText(total);
}

/** Whether a quantity is a positive number with at most 4 decimals. */
export function isPositiveQuantity(value: string): boolean {
  const q = scaled(value, 4);
  return q !== null && q > 0n;
}
