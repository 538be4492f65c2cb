import { Alert, Flex, Tag, Typography } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TDuplicateMatch } from '@crm/contracts';

export type DuplicateVerdict = 'block' | 'warn' | 'none';

const reasonColor: Record<TDuplicateMatch['reason'], string> = {
  credit_code: 'red',
  same_name: 'red',
  similar_name: 'orange',
  contact_phone: 'gold',
  contact_email: 'gold',
};

/**
 * One line per match: name (a link only when the customer is within the user's scope), owner and why it matched.
 * Records outside the scope show their name and owner only.
 */
export function DuplicateMatchList({ matches, onNavigate }: { matches: readonly TDuplicateMatch[]; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <ul className="duplicate-list" data-testid="duplicate-matches">
      {matches.map((m, i) => (
        <li key={m.customerId ?? `hidden-${i}`} data-testid="duplicate-match">
          <Flex gap={6} wrap align="center">
            {m.visible && m.customerId ? (
              <Link to={`/customers/${encodeURIComponent(m.customerId)}`} onClick={onNavigate} style={{ wordBreak: 'break-word' }}>
                {m.name}
              </Link>
            ) : (
              <Typography.Text style={{ wordBreak: 'break-word' }} title={t('duplicates.hidden')}>
                {m.name}
              </Typography.Text>
            )}
            <Tag color={reasonColor[m.reason]} style={{ marginInlineEnd: 0 }}>
              {t(`duplicateReason.${m.reason}`)}
              {m.reason === 'similar_name' ? ` · ${t('duplicates.score', { percent: Math.round(m.score * 100) })}` : ''}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.ownerName ? t('duplicates.owner', { name: m.ownerName }) : t('duplicates.noOwner')}
            {m.visible ? '' : ` · ${t('duplicates.hidden')}`}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

interface PanelProps {
  verdict: DuplicateVerdict | undefined;
  matches: readonly TDuplicateMatch[];
  checking: boolean;
  onNavigate?: () => void;
}

/** Under the name field: red when the customer exists already, orange when similar ones do, nothing otherwise. */
export function DuplicatePanel({ verdict, matches, checking, onNavigate }: PanelProps) {
  const { t } = useTranslation();
  const showing = verdict === 'block' || verdict === 'warn';
  return (
    <div
      data-testid="duplicate-panel"
      data-verdict={verdict ?? 'none'}
      aria-live="polite"
      style={{ marginBottom: showing || checking ? 16 : 0 }}
    >
      {showing ? (
        <Alert
          type={verdict === 'block' ? 'error' : 'warning'}
          showIcon
          title={verdict === 'block' ? t('duplicates.blockTitle') : t('duplicates.warnTitle')}
          description={
            <>
              <DuplicateMatchList matches={matches} onNavigate={onNavigate} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {verdict === 'block' ? t('duplicates.blockHint') : t('duplicates.warnHint')}
              </Typography.Text>
            </>
          }
        />
      ) : checking ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <LoadingOutlined /> {t('duplicates.checking')}
        </Typography.Text>
      ) : null}
    </div>
  );
}
