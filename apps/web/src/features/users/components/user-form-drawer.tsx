import { useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission, ZCreateUser, type TCreateUser, type TLocale, type TUpdateUser, type TUser } from '@crm/contracts';
import { SUPPORTED_LANGUAGES, currentLanguage } from '../../../shared/i18n/i18n.ts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { DepartmentTreeSelect } from '../../departments/components/department-tree-select.tsx';
import { useRoles } from '../../roles/api/roles.queries.ts';
import { useCreateUser, useUpdateUser, useUser, usersQueryKeys } from '../api/users.queries.ts';
import { UserSelect } from './user-select.tsx';

export type UserDrawerState = { mode: 'create'; departmentId?: string } | { mode: 'edit'; user: TUser } | null;

interface FormValues {
  username: string;
  displayName: string;
  password?: string;
  email: string | null;
  phone: string | null;
  departmentId: string;
  managerId: string | null;
  roleIds: string[];
  locale: TLocale;
}

interface Props {
  state: UserDrawerState;
  onClose: () => void;
  onSaved: (user: TUser) => void;
}

function valuesOf(user: TUser): FormValues {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    departmentId: user.departmentId,
    managerId: user.managerId,
    roleIds: user.roles.map((r) => r.id),
    locale: user.locale,
  };
}

export function UserFormDrawer({ state, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const canReadRoles = usePermission(Permission.roleRead);
  const roles = useRoles({ enabled: canReadRoles && !!state });
  const create = useCreateUser();
  const update = useUpdateUser();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const editing = state?.mode === 'edit' ? state.user : null;
  const fresh = useUser(editing?.id ?? null);
  const current = fresh.data ?? editing;
  const shape = ZCreateUser.shape;
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (current) form.setFieldsValue(valuesOf(current));
    else
      form.setFieldsValue({
        departmentId: state.mode === 'create' ? state.departmentId : undefined,
        roleIds: [],
        locale: currentLanguage(),
        managerId: null,
      });
    // Reset when the drawer opens or the record's version moves (stale edit reloaded).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, current?.version]);

  const roleOptions = useMemo(() => {
    const options = (roles.data ?? []).map((r) => ({ value: r.id, label: r.name }));
    for (const r of current?.roles ?? []) {
      if (!options.some((o) => o.value === r.id)) options.push({ value: r.id, label: r.name });
    }
    return options;
  }, [roles.data, current]);

  const onFinish = (values: FormValues) => {
    const common = {
      displayName: values.displayName.trim(),
      email: emptyToNull(values.email),
      phone: emptyToNull(values.phone),
      departmentId: values.departmentId,
      managerId: values.managerId ?? null,
      roleIds: values.roleIds ?? [],
      locale: values.locale,
    };
    if (!current) {
      const body: TCreateUser = { ...common, username: values.username.trim(), password: values.password ?? '' };
      create.mutate(body, {
        onSuccess: (user) => {
          void message.success(t('users.created'));
          onSaved(user);
        },
        onError: (e) => showError(e, { form }),
      });
      return;
    }
    const body: TUpdateUser = { version: current.version, ...common };
    update.mutate(
      { id: current.id, body },
      {
        onSuccess: (user) => {
          void message.success(t('users.updated'));
          onSaved(user);
        },
        onError: (e) =>
          showError(e, {
            form,
            onStale: () => {
              void fresh.refetch();
              void queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() });
            },
          }),
      },
    );
  };

  return (
    <ResponsiveDrawer
      open={!!state}
      title={editing ? t('users.edit') : t('users.create')}
      onClose={onClose}
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} disabled={saving} autoComplete="off">
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={editing ? [] : [requiredRule(), zodRule(shape.username, () => t('validation.username'))]}
        >
          <Input maxLength={64} disabled={!!editing} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[requiredRule(), zodRule(shape.displayName)]}>
          <Input maxLength={64} data-testid="user-display-name" />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('users.passwordHint')}
            rules={[requiredRule(), zodRule(shape.password)]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="departmentId" label={t('users.department')} rules={[requiredRule()]}>
          <DepartmentTreeSelect data-testid="user-department" />
        </Form.Item>
        <Form.Item name="managerId" label={t('users.manager')}>
          <UserSelect
            current={current?.managerId ? { id: current.managerId, name: current.managerName ?? '' } : null}
            excludeIds={current ? [current.id] : undefined}
          />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')} rules={[zodRule(shape.roleIds)]}>
          <Select
            mode="multiple"
            allowClear
            options={roleOptions}
            loading={roles.isPending && canReadRoles}
            placeholder={t('common.selectPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="user-roles"
          />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[zodRule(shape.email)]}>
          <Input maxLength={128} inputMode="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[zodRule(shape.phone)]}>
          <Input maxLength={32} inputMode="tel" />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')} rules={[requiredRule()]}>
          <Select options={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: t(`lang.${lng}`) }))} />
        </Form.Item>
      </Form>
    </ResponsiveDrawer>
  );
}
