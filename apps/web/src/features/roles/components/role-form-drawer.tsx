import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZCreateRole, ZDataScopeValues, type TCreateRole, type TDataScope, type TRole, type TUpdateRole } from '@crm/contracts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { rolesQueryKeys, useCreateRole, usePermissionCatalog, useRole, useUpdateRole } from '../api/roles.queries.ts';
import { PermissionPicker } from './permission-picker.tsx';

export type RoleDrawerState = { mode: 'create' } | { mode: 'edit'; role: TRole } | { mode: 'view'; role: TRole } | null;

interface FormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  description: string | null;
  dataScope: TDataScope;
  permissions: string[];
}

function valuesOf(role: TRole): FormValues {
  return {
    code: role.code,
    nameZh: role.nameZh,
    nameEn: role.nameEn,
    description: role.description,
    dataScope: role.dataScope,
    permissions: role.permissions,
  };
}

export function RoleFormDrawer({ state, onClose }: { state: RoleDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const catalog = usePermissionCatalog();
  const create = useCreateRole();
  const update = useUpdateRole();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const existing = state && state.mode !== 'create' ? state.role : null;
  const fresh = useRole(existing?.id ?? null);
  const current = fresh.data ?? existing;
  const readOnly = state?.mode === 'view';
  const saving = create.isPending || update.isPending;
  const shape = ZCreateRole.shape;

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    form.setFieldsValue(current ? valuesOf(current) : { dataScope: 'own', permissions: [], description: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, current?.version]);

  const onFinish = (values: FormValues) => {
    const common = {
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim(),
      description: emptyToNull(values.description),
      dataScope: values.dataScope,
      permissions: values.permissions ?? [],
    };
    if (!current) {
      const body: TCreateRole = { code: values.code.trim(), ...common };
      create.mutate(body, {
        onSuccess: () => {
          void message.success(t('roles.created'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      });
      return;
    }
    const body: TUpdateRole = { version: current.version, ...common };
    update.mutate(
      { id: current.id, body },
      {
        onSuccess: () => {
          void message.success(t('roles.updated'));
          onClose();
        },
        onError: (e) =>
          showError(e, {
            form,
            onStale: () => {
              void fresh.refetch();
              void queryClient.invalidateQueries({ queryKey: rolesQueryKeys.list() });
            },
          }),
      },
    );
  };

  const title = state?.mode === 'create' ? t('roles.create') : readOnly ? current?.name : t('roles.edit');

  return (
    <ResponsiveDrawer
      open={!!state}
      title={title}
      onClose={onClose}
      width={760}
      footer={
        readOnly ? null : (
          <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="form-submit">
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} disabled={saving || readOnly}>
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={current?.isBuiltin ? t('roles.codeFixed') : current ? undefined : t('roles.codeHint')}
          rules={current ? [] : [requiredRule(), zodRule(shape.code, () => t('validation.roleCode'))]}
        >
          <Input maxLength={32} disabled={!!current} data-testid="role-code" />
        </Form.Item>
        <div className="form-two-columns">
          <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[requiredRule(), zodRule(shape.nameZh)]}>
            <Input maxLength={64} data-testid="role-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[requiredRule(), zodRule(shape.nameEn)]}>
            <Input maxLength={64} data-testid="role-name-en" />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('roles.description')} rules={[zodRule(shape.description)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="dataScope" label={t('roles.dataScope')} rules={[requiredRule()]}>
          <Radio.Group style={{ width: '100%' }}>
            <Space orientation="vertical">
              {ZDataScopeValues.map((scope) => (
                <Radio key={scope} value={scope}>
                  {t(`dataScope.${scope}`)}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {t(`dataScope.${scope}Hint`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker catalog={catalog.data} loading={catalog.isPending} disabled={saving || readOnly} />
        </Form.Item>
      </Form>
    </ResponsiveDrawer>
  );
}
