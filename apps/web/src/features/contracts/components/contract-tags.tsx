import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TContractStatus, TContractType, TContractVersionStatus, TReviewLevel } from '@crm/contracts';

const STATUS_COLORS: Record<TContractStatus, string> = {
  draft: 'default',
  in_review: 'orange',
  approved: 'blue',
  signed: 'cyan',
  executing: 'geekblue',
  completed: 'green',
  terminated: 'red',
};

export function ContractStatusTag({ status }: { status: TContractStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="contract-status" data-status={status}>
      {t(`contracts.status.${status}`)}
    </Tag>
  );
}

const VERSION_COLORS: Record<TContractVersionStatus, string> = {
  draft: 'default',
  in_review: 'orange',
  effective: 'green',
  superseded: 'default',
  rejected: 'red',
};

export function ContractVersionStatusTag({ status }: { status: TContractVersionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={VERSION_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`contracts.versionStatus.${status}`)}
    </Tag>
  );
}

export function ContractTypeTag({ type }: { type: TContractType }) {
  const { t } = useTranslation();
  return <Tag style={{ marginInlineEnd: 0 }}>{t(`contracts.type.${type}`)}</Tag>;
}

const LEVEL_TAG: Record<TReviewLevel, { color: string; icon: React.ReactNode }> = {
  pass: { color: 'success', icon: <CheckCircleOutlined /> },
  warn: { color: 'warning', icon: <ExclamationCircleOutlined /> },
  block: { color: 'error', icon: <CloseCircleOutlined /> },
};

/** The worst level of the automatic review: passed, warnings, or blocked (special approval). */
export function ReviewLevelTag({ level, compact }: { level: TReviewLevel | null; compact?: boolean }) {
  const { t } = useTranslation();
  if (!level) return <Tag style={{ marginInlineEnd: 0 }}>{t('contracts.reviewLevel.none')}</Tag>;
  const tag = (
    <Tag
      color={LEVEL_TAG[level].color}
      icon={LEVEL_TAG[level].icon}
      style={{ marginInlineEnd: 0 }}
      data-testid="contract-review-level"
      data-level={level}
    >
      {compact ? t(`contracts.reviewLevel.short.${level}`) : t(`contracts.reviewLevel.${level}`)}
    </Tag>
  );
  return compact ? <Tooltip title={t(`contracts.reviewLevel.${level}`)}>{tag}</Tooltip> : tag;
}
