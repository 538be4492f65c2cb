import { useState, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CommonErrorCode, type TContract } from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useContractAction, type ContractAction } from '../api/contracts.queries.ts';

export type ActionKey = 'edit' | 'submit' | 'withdraw' | 'sign' | 'execute' | 'complete' | 'terminate' | 'amend';

export interface ActionItem {
  key: ActionKey;
  label: string;
  primary?: boolean;
  danger?: boolean;
  run: () => void;
}

type DialogKind = 'special' | 'sign' | 'terminate' | 'amend';

type DialogValues = { reason?: string; signedDate?: Dayjs };

/** The server's code when signing waits for the signed original in the archive. */
const SIGNED_ORIGINAL_MISSING = 'CONTRACT_SIGNED_ORIGINAL_MISSING';

/**
 * What the reader may do with the contract now (TContract.actions), each confirmed or asked for what
 * it needs: the signing date, a reason, the special-approval reason when a finding blocks.
 */
export function useContractActions(
  contract: TContract,
  opts: { onEdit: (fresh?: TContract) => void; onStale: () => void; onOpenDocuments: () => void },
) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const run = useContractAction();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [dialogError, setDialogError] = useState<{ title: string; detail?: string; code: string } | null>(null);
  const [form] = Form.useForm<DialogValues>();
  const a = contract.actions;
  const version = contract.version;

  const perform = (action: ContractAction, after?: (saved: TContract) => void, inDialog = false) =>
    new Promise<void>((resolve, reject) =>
      run.mutate(
        { id: contract.id, action },
        {
          onSuccess: (saved) => {
            void message.success(t(`contracts.actions.done.${action.kind}`));
            after?.(saved);
            resolve();
          },
          onError: (e) => {
            // In a dialog, the server's reason stays beside what was typed (e.g. signing without the signed original).
            if (inDialog && isApiError(e) && e.code !== CommonErrorCode.STALE_VERSION) {
              setDialogError({ title: e.problem.title, detail: e.problem.detail ?? undefined, code: e.code });
            } else {
              showError(e, { onStale: opts.onStale });
            }
            reject(e);
          },
        },
      ),
    );

  const confirm = (content: ReactNode, action: ContractAction) =>
    modal.confirm({ content, onOk: () => perform(action).catch(() => undefined), okButtonProps: { 'data-testid': 'contract-confirm-ok' } });

  const open = (kind: DialogKind) => {
    form.resetFields();
    setDialogError(null);
    setDialog(kind);
  };

  const blocked = contract.review?.level === 'block';
  const items: ActionItem[] = [];
  if (a.submit)
    items.push({
      key: 'submit',
      label: t('contracts.actions.submit'),
      primary: true,
      run: () =>
        blocked
          ? open('special')
          : confirm(
              <>
                <div>{t('contracts.actions.confirmSubmit')}</div>
                {contract.review ? (
                  <Typography.Text type="secondary">
                    {t('contracts.labelled', {
                      label: t('contracts.review.route'),
                      value: contract.review.route.map((s) => t(`contracts.review.routeStep.${s}`)).join(' → '),
                    })}
                  </Typography.Text>
                ) : null}
              </>,
              { kind: 'submit', version },
            ),
    });
  if (a.sign) items.push({ key: 'sign', label: t('contracts.actions.sign'), primary: true, run: () => open('sign') });
  if (a.execute)
    items.push({
      key: 'execute',
      label: t('contracts.actions.execute'),
      primary: true,
      run: () => confirm(t('contracts.actions.confirmExecute'), { kind: 'execute', version }),
    });
  if (a.complete)
    items.push({
      key: 'complete',
      label: t('contracts.actions.complete'),
      primary: !a.execute,
      run: () => confirm(t('contracts.actions.confirmComplete'), { kind: 'complete', version }),
    });
  if (a.edit) items.push({ key: 'edit', label: t('contracts.actions.edit'), run: () => opts.onEdit() });
  if (a.withdraw)
    items.push({
      key: 'withdraw',
      label: t('contracts.actions.withdraw'),
      run: () => confirm(t('contracts.actions.confirmWithdraw'), { kind: 'withdraw', version }),
    });
  if (a.amend) items.push({ key: 'amend', label: t('contracts.actions.amend'), run: () => open('amend') });
  if (a.terminate) items.push({ key: 'terminate', label: t('contracts.actions.terminate'), danger: true, run: () => open('terminate') });

  const submitDialog = async () => {
    const values = await form.validateFields();
    if (!dialog) return;
    setDialogError(null);
    const action: ContractAction =
      dialog === 'special'
        ? { kind: 'submit', version, specialApprovalReason: values.reason?.trim() }
        : dialog === 'sign'
          ? { kind: 'sign', version, signedDate: values.signedDate!.format('YYYY-MM-DD') }
          : dialog === 'terminate'
            ? { kind: 'terminate', version, reason: values.reason?.trim() ?? '' }
            : { kind: 'amendments', version, reason: values.reason?.trim() ?? '' };
    await perform(action, dialog === 'amend' ? (saved) => opts.onEdit(saved) : undefined, true).then(
      () => setDialog(null),
      () => undefined,
    );
  };

  const reasonRules = [
    { required: true, whitespace: true, message: t('validation.required') },
    { min: 2, message: t('validation.minLength', { min: 2 }) },
  ];

  const dialogs = (
    <Modal
      open={dialog !== null}
      title={dialog ? t(`contracts.actions.dialog.${dialog}.title`) : ''}
      onCancel={() => setDialog(null)}
      onOk={() => void submitDialog()}
      okText={dialog ? t(`contracts.actions.dialog.${dialog}.ok`) : undefined}
      okButtonProps={{ danger: dialog === 'terminate', 'data-testid': 'contract-dialog-ok' }}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      {dialog === 'special' ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('contracts.actions.dialog.special.hint')} />
      ) : null}
      {dialogError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={dialogError.title}
          description={dialogError.detail && dialogError.detail !== dialogError.title ? dialogError.detail : undefined}
          data-testid="contract-dialog-error"
          action={
            dialogError.code === SIGNED_ORIGINAL_MISSING ? (
              <Button
                size="small"
                onClick={() => {
                  setDialog(null);
                  opts.onOpenDocuments();
                }}
                data-testid="contract-dialog-open-documents"
              >
                {t('contracts.actions.openDocuments')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={dialog === 'sign' ? { signedDate: dayjs() } : undefined}>
        {dialog === 'sign' ? (
          <Form.Item
            name="signedDate"
            label={t('contracts.fields.signedDate')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="contract-sign-date" />
          </Form.Item>
        ) : dialog ? (
          <Form.Item name="reason" label={t(`contracts.actions.dialog.${dialog}.label`)} rules={reasonRules}>
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={1000}
              showCount
              placeholder={t(`contracts.actions.dialog.${dialog}.placeholder`)}
              data-testid="contract-dialog-reason"
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );

  return { items, dialogs, busy: run.isPending };
}
