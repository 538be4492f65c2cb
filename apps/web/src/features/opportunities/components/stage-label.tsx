import { Tag } from 'antd';
import type { TOpportunityStage, TStageKind } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../../shared/utils/format.ts';

type Named = Pick<TOpportunityStage, 'nameZh' | 'nameEn'>;

/** The stage's name in the interface language. */
export function useStageName(): (stage: Named | undefined) => string {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (stage) => (stage ? (english ? stage.nameEn : stage.nameZh) : '—');
}

export const kindColor: Record<TStageKind, string> = { open: 'processing', won: 'success', lost: 'default' };

export function StageTag({ stage, probability }: { stage: (Named & { kind: TStageKind }) | undefined; probability?: number }) {
  const name = useStageName();
  if (!stage) return null;
  return (
    <Tag color={kindColor[stage.kind]} style={{ marginInlineEnd: 0 }}>
      {name(stage)}
      {probability !== undefined ? ` · ${probability}%` : ''}
    </Tag>
  );
}

/** "¥1,200,000.00", or "USD 1,200.00" for another currency. */
export function formatMoney(amount: string | null | undefined, currency = 'CNY'): string {
  if (amount === null || amount === undefined) return '—';
  return `${currency === 'CNY' ? '¥' : `${currency} `}${formatDecimal(amount)}`;
}

/** A short amount for crowded places: "¥120.5万" / "¥1.2亿" in Chinese, "¥1.2M" in English. */
export function formatShortMoney(amount: string, english: boolean): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  if (english) {
    if (Math.abs(n) >= 1e6) return `¥${(n / 1e6).toFixed(1)}M`;
    if (Math.abs(n) >= 1e3) return `¥${(n / 1e3).toFixed(1)}K`;
    return `¥${n.toFixed(0)}`;
  }
  if (Math.abs(n) >= 1e8) return `¥${(n / 1e8).toFixed(2)}亿`;
  if (Math.abs(n) >= 1e4) return `¥${(n / 1e4).toFixed(1)}万`;
  return `¥${n.toFixed(0)}`;
}
