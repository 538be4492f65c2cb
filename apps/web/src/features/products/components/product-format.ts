import { Permission } from '@crm/contracts';
import { formatDecimal } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';

/** "¥1,780.00"; the amount never passes through a float. */
export function formatYuan(value: string | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined) return fallback;
  return `¥${formatDecimal(value)}`;
}

/** "0.13" → "13%", "0.065" → "6.5%" (the decimal text shifted by two places, no float). */
export function formatTaxRate(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const padded = fraction.padEnd(2, '0');
  const percent = String(Number(`${whole}${padded.slice(0, 2)}`));
  const rest = padded.slice(2).replace(/0+$/, '');
  return rest ? `${percent}.${rest}%` : `${percent}%`;
}

/** Which protected product fields the signed-in user sees (the server omits the others anyway). */
export function useProductFieldAccess() {
  const cost = usePermission(Permission.fieldCost);
  const floorPrice = usePermission(Permission.fieldFloorPrice);
  const margin = usePermission(Permission.fieldMargin);
  return { cost, floorPrice, margin: cost && margin };
}
