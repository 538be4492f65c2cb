/**
 * Decimal arithmetic on money strings in integer fen (BigInt), so that no amount passes through a
 * float: the same half-up rounding as the server.
 */
function toUnits(value: string, scale: number): bigint {
  const [whole = '0', fraction = ''] = value.trim().split('.');
  return BigInt(`${whole}${fraction.padEnd(scale, '0').slice(0, scale)}`);
}

function fromFen(fen: bigint): string {
  const text = fen.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** The list price less a discount in percent (two decimals), rounded half-up to the fen. */
export function discountedPrice(listPrice: string, discountPercent: string): string {
  const fen = toUnits(listPrice, 2);
  const keep = 10000n - toUnits(discountPercent, 2); // hundredths of a percent kept
  const scaled = fen * keep; // fen × 1/10000
  return fromFen((scaled + 5000n) / 10000n);
}

/** How far a price lies below the list price, in percent with one decimal ("8.0"). */
export function percentBelow(listPrice: string, price: string): string {
  const list = toUnits(listPrice, 2);
  if (list === 0n) return '0.0';
  const diff = (list - toUnits(price, 2)) * 1000n;
  const tenths = (diff + list / 2n) / list;
  const text = tenths.toString().padStart(2, '0');
  return `${text.slice(0, -1)}.${text.slice(-1)}`;
}

/** a < b for non-negative money strings. */
export function lessThan(a: string, b: string): boolean {
  return toUnits(a, 2) < toUnits(b, 2);
}
