import { Tag, Tooltip } from 'antd';
import { EditFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCustomerGrade, TCustomerStatus, TCustomerType } from '@crm/contracts';

export const gradeColor: Record<TCustomerGrade, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };
export const statusColor: Record<TCustomerStatus, string> = { prospect: 'blue', active: 'green', dormant: 'gold', lost: 'default' };
export const typeColor: Record<TCustomerType, string> = {
  grid: 'geekblue',
  industrial: 'cyan',
  distributor: 'purple',
  overseas: 'magenta',
  other: 'default',
};

const tagStyle = { marginInlineEnd: 0 };

export function CustomerGradeTag({
  grade,
  override,
}: {
  grade: TCustomerGrade;
  /** When the grade is a manual override: the rule's grade and the reason, shown in a tooltip. */
  override?: { ruleGrade: TCustomerGrade; reason: string | null } | null;
}) {
  const { t } = useTranslation();
  if (override) {
    return (
      <Tooltip title={t('grading.overriddenTooltip', { grade: override.ruleGrade, reason: override.reason ?? '' })}>
        <Tag color={gradeColor[grade]} style={tagStyle} icon={<EditFilled />} data-testid="grade-overridden">
          {grade}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag color={gradeColor[grade]} style={tagStyle} title={t('customers.gradeValue', { grade })}>
      {grade}
    </Tag>
  );
}

export function CustomerStatusTag({ status }: { status: TCustomerStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} style={tagStyle}>
      {t(`customerStatus.${status}`)}
    </Tag>
  );
}

export function CustomerTypeTag({ type }: { type: TCustomerType }) {
  const { t } = useTranslation();
  return (
    <Tag color={typeColor[type]} style={tagStyle}>
      {t(`customerType.${type}`)}
    </Tag>
  );
}
