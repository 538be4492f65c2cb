import { useState } from 'react';
import { App, Button, Form, Space } from 'antd';
import { ExportOutlined, RobotOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type TCustomer } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { requiredRule } from '../../../shared/utils/form-rules.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { UserSelect } from '../../users/components/user-select.tsx';
import { useAssignCustomer, useAutoAssignCustomer, useClaimCustomer, useReleaseCustomer } from './pool.queries.ts';
import { ReasonModal, type ReasonValues } from './reason-modal.tsx';

type Dialog = 'transfer' | 'release' | null;

/**
 * Owner actions of the customer 360 page: claim from the pool, transfer to a colleague, release
 * to the pool (both with a reason), or let the assignment rules choose an owner.
 */
export function OwnershipActions({ customer }: { customer: TCustomer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canClaim = usePermission(Permission.customerClaim);
  const canAssign = usePermission(Permission.customerAssign);
  const canRelease = usePermission(Permission.customerRelease);
  const claim = useClaimCustomer();
  const assign = useAssignCustomer();
  const release = useReleaseCustomer();
  const autoAssign = useAutoAssignCustomer();
  const inPool = customer.ownerId === null;

  const run = async <R,>(action: Promise<R>, success: string) => {
    try {
      await action;
      message.success(success);
      setDialog(null);
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Space wrap>
      {inPool && canClaim ? (
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          loading={claim.isPending}
          onClick={() => void run(claim.mutateAsync(customer.id), t('pool.claimed'))}
          data-testid="customer-claim"
        >
          {t('pool.claim')}
        </Button>
      ) : null}
      {inPool && canAssign ? (
        <Button
          icon={<RobotOutlined />}
          loading={autoAssign.isPending}
          onClick={() => void run(autoAssign.mutateAsync(customer.id), t('pool.autoAssigned'))}
          data-testid="customer-auto-assign"
        >
          {t('pool.autoAssign')}
        </Button>
      ) : null}
      {canAssign ? (
        <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="customer-transfer">
          {inPool ? t('pool.assign') : t('pool.transfer')}
        </Button>
      ) : null}
      {!inPool && canRelease ? (
        <Button icon={<ExportOutlined />} onClick={() => setDialog('release')} data-testid="customer-release">
          {t('pool.release')}
        </Button>
      ) : null}
      <ReasonModal<ReasonValues & { ownerId: string }>
        open={dialog === 'transfer'}
        title={t(inPool ? 'pool.assignTitle' : 'pool.transferTitle', { name: customer.name })}
        onClose={() => setDialog(null)}
        onSubmit={(v) => run(assign.mutateAsync({ id: customer.id, ownerId: v.ownerId, reason: v.reason }), t('pool.transferred'))}
        data-testid="transfer-modal"
      >
        <Form.Item name="ownerId" label={t('pool.newOwner')} required rules={[requiredRule()]}>
          <UserSelect excludeIds={customer.ownerId ? [customer.ownerId] : []} allowClear={false} data-testid="transfer-owner" />
        </Form.Item>
      </ReasonModal>
      <ReasonModal
        open={dialog === 'release'}
        title={t('pool.releaseTitle', { name: customer.name })}
        okText={t('pool.release')}
        onClose={() => setDialog(null)}
        onSubmit={(v) => run(release.mutateAsync({ id: customer.id, reason: v.reason }), t('pool.released'))}
        data-testid="release-modal"
      />
    </Space>
  );
}
