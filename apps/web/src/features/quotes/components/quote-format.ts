import { chineseCapitalAmount } from '@crm/contracts';
import { formatDecimal } from '../../../shared/utils/format.ts';

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$' };

/** "¥251,675.00" / "USD 1,200.00"; the amount never passes through a float. */
export function formatMoney(value: string | null | undefined, currency = 'CNY', fallback = '—'): string {
  if (value === null || value === undefined || value === '') return fallback;
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${formatDecimal(value)}` : `${currency} ${formatDecimal(value)}`;
}

/** The total in Chinese capitals, with 人民币 for CNY (as on a Chinese quotation). */
export function amountInCapitals(value: string, currency: string): string {
  return `${currency === 'CNY' ? '人民币' : ''}${chineseCapitalAmount(value)}`;
}

/** "12.5" → "12.5%", "0" → "—" for discounts that are not there. */
export function formatPercent(value: string | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined || value === '' || Number(value) === 0) return fallback;
  return `${value}%`;
}
