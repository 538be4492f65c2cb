import { useState } from 'react';
import { App, Button, Dropdown, Form, Radio, Select, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_BATCH_LIMIT,
  Permission,
  ZCustomerGradeValues,
  type TCustomerBatchAction,
  type TCustomerBatchRequest,
  type TCustomerBatchResult,
  type TCustomerGrade,
  type TPermission,
} from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { requiredRule } from '../../../shared/utils/form-rules.ts';
import { useSession } from '../../auth/api/auth.queries.ts';
import { UserSelect } from '../../users/components/user-select.tsx';
import { useCustomerBatch } from './pool.queries.ts';
import { ReasonModal, type ReasonValues } from './reason-modal.tsx';

type Values = ReasonValues & { ownerId?: string; grade?: TCustomerGrade; tags?: string[] };

const ACTIONS: { action: TCustomerBatchAction; permission: TPermission }[] = [
  { action: 'assign', permission: Permission.customerAssign },
  { action: 'autoAssign', permission: Permission.customerAssign },
  { action: 'grade', permission: Permission.customerGrade },
  { action: 'release', permission: Permission.customerRelease },
  { action: 'addTags', permission: Permission.customerUpdate },
  { action: 'removeTags', permission: Permission.customerUpdate },
];

/** One action on the selected customers (up to 500), then what was done and what was refused, and why. */
export function CustomerBatchBar({ selectedIds, onDone }: { selectedIds: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const permissions = useSession().data?.permissions ?? [];
  const batch = useCustomerBatch();
  const [action, setAction] = useState<TCustomerBatchAction | null>(null);
  const allowed = ACTIONS.filter((a) => permissions.includes(a.permission));
  if (allowed.length === 0) return null;
  const tooMany = selectedIds.length > CUSTOMER_BATCH_LIMIT;

  const report = (result: TCustomerBatchResult) => {
    if (result.refused === 0) {
      message.success(t('pool.batch.allDone', { count: result.done }));
      return;
    }
    const reasons = new Map<string, number>();
    for (const r of result.results)
      if (r.outcome === 'refused') reasons.set(r.message ?? r.code ?? '', (reasons.get(r.message ?? r.code ?? '') ?? 0) + 1);
    modal.info({
      title: t('pool.batch.partly', { done: result.done, refused: result.refused }),
      content: (
        <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="batch-refusals">
          {[...reasons].map(([reason, n]) => (
            <li key={reason}>
              {reason} × {n}
            </li>
          ))}
        </ul>
      ),
    });
  };

  const submit = async (v: Values) => {
    if (!action) return;
    const customerIds = selectedIds;
    const request: TCustomerBatchRequest =
      action === 'assign'
        ? { action, customerIds, ownerId: v.ownerId!, reason: v.reason }
        : action === 'grade'
          ? { action, customerIds, grade: v.grade!, reason: v.reason }
          : action === 'release'
            ? { action, customerIds, reason: v.reason }
            : action === 'autoAssign'
              ? { action, customerIds }
              : { action, customerIds, tags: v.tags! };
    try {
      const result = await batch.mutateAsync(request);
      setAction(null);
      onDone();
      report(result);
    } catch (error) {
      showError(error);
    }
  };

  const items: MenuProps['items'] = allowed.map((a) => ({
    key: a.action,
    label: t(`pool.batch.action.${a.action}`),
    'data-testid': `batch-${a.action}`,
  }));
  const withoutReason = action === 'autoAssign' || action === 'addTags' || action === 'removeTags';

  return (
    <>
      <Dropdown disabled={tooMany} trigger={['click']} menu={{ items, onClick: ({ key }) => setAction(key as TCustomerBatchAction) }}>
        <Button type="primary" data-testid="batch-actions">
          {t('pool.batch.button', { count: selectedIds.length })} <DownOutlined />
        </Button>
      </Dropdown>
      {tooMany ? (
        <Typography.Text type="danger" style={{ marginInlineStart: 8 }}>
          {t('pool.batch.tooMany', { max: CUSTOMER_BATCH_LIMIT })}
        </Typography.Text>
      ) : null}
      <ReasonModal<Values>
        open={action !== null}
        title={action ? t('pool.batch.title', { action: t(`pool.batch.action.${action}`), count: selectedIds.length }) : ''}
        withoutReason={withoutReason}
        onClose={() => setAction(null)}
        onSubmit={submit}
        data-testid="batch-modal"
      >
        {action === 'assign' ? (
          <Form.Item name="ownerId" label={t('pool.newOwner')} required rules={[requiredRule()]}>
            <UserSelect allowClear={false} data-testid="batch-owner" />
          </Form.Item>
        ) : null}
        {action === 'grade' ? (
          <Form.Item name="grade" label={t('customers.grade')} required rules={[requiredRule()]}>
            <Radio.Group optionType="button" options={ZCustomerGradeValues.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
        ) : null}
        {action === 'addTags' || action === 'removeTags' ? (
          <Form.Item name="tags" label={t('customers.tags')} required rules={[requiredRule()]}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} maxCount={20} data-testid="batch-tags" />
          </Form.Item>
        ) : null}
        {action === 'autoAssign' ? <Typography.Paragraph>{t('pool.batch.autoAssignHint')}</Typography.Paragraph> : null}
      </ReasonModal>
    </>
  );
}
