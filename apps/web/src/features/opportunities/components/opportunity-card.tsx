import { Button, Card, Dropdown, Flex, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TBoardCard, TOpportunityStage } from '@crm/contracts';
import { formatDate } from '../../../shared/utils/format.ts';
import { formatMoney, useStageName } from './stage-label.tsx';

interface Props {
  opportunity: TBoardCard;
  /** Stages the card can be moved to with the picker (phones and keyboards). */
  stages?: TOpportunityStage[];
  onPickStage?: (stage: TOpportunityStage) => void;
  dragging?: boolean;
}

/** One kanban card: name, customer, amount, close date, owner; a stage picker besides dragging. */
export function OpportunityCard({ opportunity: o, stages, onPickStage, dragging }: Props) {
  const { t } = useTranslation();
  const name = useStageName();
  const overdue = o.stageKind === 'open' && o.expectedCloseDate < new Date().toISOString().slice(0, 10);
  return (
    <Card
      size="small"
      className="opportunity-card"
      style={{ boxShadow: dragging ? '0 8px 20px rgba(0,0,0,0.18)' : undefined, cursor: 'grab' }}
      data-testid="opportunity-card"
      data-id={o.id}
    >
      <Flex justify="space-between" gap={4} align="flex-start">
        <Link
          to={`/opportunities/${o.id}`}
          style={{ fontWeight: 500, wordBreak: 'break-word', minWidth: 0 }}
          onPointerDown={(e) => e.stopPropagation()}
          draggable={false}
        >
          {o.name}
        </Link>
        {stages && onPickStage ? (
          <Dropdown
            trigger={['click']}
            menu={{
              items: stages.map((s) => ({ key: s.id, label: name(s), disabled: s.id === o.stageId })),
              onClick: ({ key }) => onPickStage(stages.find((s) => s.id === key)!),
            }}
          >
            <Button
              size="small"
              type="text"
              icon={<SwapOutlined />}
              aria-label={t('opportunities.move.action')}
              title={t('opportunities.move.action')}
              onPointerDown={(e) => e.stopPropagation()}
              data-testid="card-move"
            />
          </Dropdown>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {o.customerName ?? '—'}
      </Typography.Text>
      <Flex justify="space-between" gap={8} style={{ marginTop: 4, fontSize: 12 }}>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums', fontSize: 13 }}>
          {formatMoney(o.amount, o.currency)}
        </Typography.Text>
        <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {formatDate(o.stageKind === 'won' ? o.wonDate : o.expectedCloseDate)}
        </Typography.Text>
      </Flex>
      <Flex justify="space-between" gap={8} style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.ownerName ?? '—'}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.isTender ? `${t('opportunities.fields.isTender')} · ` : ''}
          {o.probability}%
        </Typography.Text>
      </Flex>
    </Card>
  );
}
