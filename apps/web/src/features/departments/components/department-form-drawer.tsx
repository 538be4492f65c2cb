import { useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZCreateDepartment, ZDepartmentKindValues, type TCreateDepartment, type TDepartment, type TUpdateDepartment } from '@crm/contracts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { subtreeIds } from '../../../shared/utils/tree.ts';
import { UserSelect } from '../../users/components/user-select.tsx';
import { departmentsQueryKeys, useCreateDepartment, useDepartment, useUpdateDepartment } from '../api/departments.queries.ts';
import { DepartmentTreeSelect } from './department-tree-select.tsx';
import { suggestedChildKind } from './department-tree-data.ts';

export type DepartmentDrawerState = { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: TDepartment } | null;

interface FormValues {
  parentId: string | null;
  name: string;
  code: string;
  kind: TDepartment['kind'];
  headUserId: string | null;
  sortOrder: number | null;
}

interface Props {
  state: DepartmentDrawerState;
  departments: readonly TDepartment[];
  onClose: () => void;
  onSaved: (department: TDepartment) => void;
}

function initialValues(state: NonNullable<DepartmentDrawerState>, departments: readonly TDepartment[]): FormValues {
  if (state.mode === 'edit') {
    const d = state.department;
    return { parentId: d.parentId, name: d.name, code: d.code, kind: d.kind, headUserId: d.headUserId, sortOrder: d.sortOrder };
  }
  const parent = departments.find((d) => d.id === state.parentId);
  return { parentId: state.parentId, name: '', code: '', kind: suggestedChildKind(parent), headUserId: null, sortOrder: 0 };
}

/** Create a department under a parent, or edit one (including moving it to another parent). */
export function DepartmentFormDrawer({ state, departments, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const editing = state?.mode === 'edit' ? state.department : null;
  // The freshest copy (its version) when editing; a stale-version answer refetches it.
  const fresh = useDepartment(editing?.id ?? null);
  const current = fresh.data ?? editing;
  const shape = ZCreateDepartment.shape;
  const isRoot = !!editing && editing.parentId === null;

  const blocked = useMemo(() => (editing ? subtreeIds(departments, editing.id) : undefined), [departments, editing]);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    form.setFieldsValue(initialValues(current ? { mode: 'edit', department: current } : state, departments));
    // Only when the drawer opens or the record's version moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, current?.version]);

  const saving = create.isPending || update.isPending;

  const onFinish = (values: FormValues) => {
    if (!state) return;
    const common = {
      name: values.name.trim(),
      code: values.code.trim(),
      kind: values.kind,
      headUserId: values.headUserId ?? null,
      sortOrder: values.sortOrder ?? 0,
    };
    if (state.mode === 'create') {
      if (!values.parentId) return;
      const body: TCreateDepartment = { parentId: values.parentId, ...common };
      create.mutate(body, {
        onSuccess: (created) => {
          void message.success(t('departments.created'));
          onSaved(created);
        },
        onError: (e) => showError(e, { form }),
      });
      return;
    }
    if (!current) return;
    const body: TUpdateDepartment = { version: current.version, ...common };
    if (values.parentId && values.parentId !== current.parentId) body.parentId = values.parentId;
    update.mutate(
      { id: current.id, body },
      {
        onSuccess: (saved) => {
          void message.success(t('departments.updated'));
          onSaved(saved);
        },
        onError: (e) =>
          showError(e, {
            form,
            onStale: () => {
              void fresh.refetch();
              void queryClient.invalidateQueries({ queryKey: departmentsQueryKeys.list() });
            },
          }),
      },
    );
  };

  return (
    <ResponsiveDrawer
      open={!!state}
      title={state?.mode === 'edit' ? t('departments.edit') : t('departments.create')}
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
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} disabled={saving}>
        {isRoot ? null : (
          <Form.Item
            name="parentId"
            label={t('departments.parent')}
            extra={state?.mode === 'edit' ? t('departments.parentHint') : undefined}
            rules={[requiredRule()]}
          >
            <DepartmentTreeSelect disabledIds={blocked} data-testid="department-parent" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('departments.name')} rules={[requiredRule(), zodRule(shape.name)]}>
          <Input maxLength={64} data-testid="department-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('departments.code')}
          rules={[requiredRule(), zodRule(shape.code, () => t('validation.departmentCode'))]}
        >
          <Input maxLength={32} data-testid="department-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('departments.kind')} rules={[requiredRule()]}>
          <Select
            data-testid="department-kind"
            options={ZDepartmentKindValues.map((k) => ({ value: k, label: t(`departmentKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="headUserId" label={t('departments.head')}>
          <UserSelect
            placeholder={t('departments.headPlaceholder')}
            current={current?.headUserId ? { id: current.headUserId, name: current.headUserName ?? '' } : null}
          />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('departments.sortOrder')} rules={[zodRule(shape.sortOrder)]}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </ResponsiveDrawer>
  );
}
