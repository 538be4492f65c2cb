import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { numberSequence } from '../kernel.schema.ts';
import { zonedParts } from '../clock.ts';

/**
 * Document numbers from patterns such as `HT{yyyy}{mm}-{seq:5}`: date tokens {yyyy} {yy} {mm} {dd}
 * in the business time zone, and one {seq:N} zero-padded to N digits. The sequence restarts in
 * each period (the date tokens present). Call inside the transaction that stores the document:
 * the counter row stays locked until commit and rolls back with it, so numbers are gap-free and
 * unique under any concurrency.
 */
const TOKEN = /\{(yyyy|yy|mm|dd|seq:(\d{1,2}))\}/g;

export function validatePattern(pattern: string): string | null {
  const seqs = [...pattern.matchAll(/\{seq:(\d{1,2})\}/g)];
  if (seqs.length !== 1) return 'a pattern needs exactly one {seq:N}';
  const n = Number(seqs[0]![1]);
  if (n < 1 || n > 12) return '{seq:N} takes N from 1 to 12';
  const unknown = pattern.replace(TOKEN, '').match(/\{[^}]*\}/);
  if (unknown) return `unknown token ${unknown[0]}`;
  return null;
}

function dateParts(at: Date, timezone: string): { yyyy: string; mm: string; dd: string } {
  const p = zonedParts(at, timezone);
  return { yyyy: p.year, mm: p.month, dd: p.day };
}

export function periodOf(pattern: string, at: Date, timezone: string): string {
  const d = dateParts(at, timezone);
  let period = '';
  if (pattern.includes('{yyyy}') || pattern.includes('{yy}')) period += d.yyyy;
  if (pattern.includes('{mm}')) period += d.mm;
  if (pattern.includes('{dd}')) period += d.dd;
  return period || 'all';
}

export function formatNumber(pattern: string, at: Date, timezone: string, seq: number): string {
  const d = dateParts(at, timezone);
  return pattern.replace(TOKEN, (_, token: string, width?: string) => {
    switch (token) {
      case 'yyyy':
        return d.yyyy;
      case 'yy':
        return d.yyyy.slice(2);
      case 'mm':
        return d.mm;
      case 'dd':
        return d.dd;
      default:
        return String(seq).padStart(Number(width), '0');
    }
  });
}

export async function nextNumber(tx: Db, input: { key: string; pattern: string; at: Date; timezone: string }): Promise<string> {
  const problem = validatePattern(input.pattern);
  if (problem) throw new Error(`Numbering pattern ${input.pattern}: ${problem}`);
  const period = periodOf(input.pattern, input.at, input.timezone);
  const [row] = await tx
    .insert(numberSequence)
    .values({ key: input.key, period, value: 1 })
    .onConflictDoUpdate({ target: [numberSequence.key, numberSequence.period], set: { value: sql`${numberSequence.value} + 1` } })
    .returning({ value: numberSequence.value });
  return formatNumber(input.pattern, input.at, input.timezone, Number(row!.value));
}
