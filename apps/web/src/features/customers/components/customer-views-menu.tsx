import { useState } from 'react';
import { App, Button, Checkbox, Dropdown, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps, MenuProps } from 'antd';
import { DownOutlined, EyeOutlined, StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCustomerColumn, TSavedView } from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import type { CustomerListFilters, CustomerSort } from '../api/customer-list.queries.ts';
import { useCreateCustomerView, useDeleteCustomerView, useUpdateCustomerView } from '../api/customer-views.queries.ts';
import { filtersToView } from './customer-filters.ts';

interface Props {
  views: TSavedView[];
  current: TSavedView | undefined;
  /** The list differs from the current view's filters or sort. */
  modified: boolean;
  filters: CustomerListFilters;
  sort: CustomerSort;
  columns: readonly TCustomerColumn[];
  onSelect: (view: TSavedView | null) => void;
}

type NameDialog = { mode: 'create' } | { mode: 'rename'; view: TSavedView } | null;

/** 保存的视图: pick a saved view, save the list as a new one, update, rename, make default, delete. */
export function CustomerViewsMenu({ views, current, modified, filters, sort, columns, onSelect }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const create = useCreateCustomerView();
  const update = useUpdateCustomerView();
  const remove = useDeleteCustomerView();
  const [dialog, setDialog] = useState<NameDialog>(null);
  const [form] = Form.useForm<{ name: string; isDefault?: boolean }>();

  const openDialog = (next: NameDialog) => {
    form.setFieldsValue({ name: next?.mode === 'rename' ? next.view.name : '', isDefault: false });
    setDialog(next);
  };

  const onNameError = (error: unknown) => {
    if (isApiError(error) && error.fieldErrors.some((f) => f.path === 'name')) {
      form.setFields([{ name: 'name', errors: [t('views.nameTaken')] }]);
      return;
    }
    showError(error);
  };

  const submitName = async () => {
    const values = await form.validateFields();
    if (dialog?.mode === 'create') {
      create.mutate(
        { name: values.name, filters: filtersToView(filters), sort, columns: [...columns], isDefault: values.isDefault ?? false },
        {
          onSuccess: (view) => {
            setDialog(null);
            void message.success(t('views.saved', { name: view.name }));
            onSelect(view);
          },
          onError: onNameError,
        },
      );
    } else if (dialog?.mode === 'rename') {
      update.mutate(
        { id: dialog.view.id, body: { version: dialog.view.version, name: values.name } },
        { onSuccess: () => setDialog(null), onError: onNameError },
      );
    }
  };

  const saveChanges = (view: TSavedView) =>
    update.mutate(
      { id: view.id, body: { version: view.version, filters: filtersToView(filters), sort, columns: [...columns] } },
      { onSuccess: () => void message.success(t('views.saved', { name: view.name })), onError: (e) => showError(e) },
    );

  const confirmDelete = (view: TSavedView) =>
    modal.confirm({
      title: t('views.deleteConfirm', { name: view.name }),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: () =>
        remove.mutateAsync(view.id).then(
          () => onSelect(null),
          (e: unknown) => showError(e),
        ),
    });

  const items: MenuProps['items'] = [
    { key: 'all', label: t('views.allCustomers'), onClick: () => onSelect(null) },
    ...views.map((v) => ({
      key: v.id,
      label: (
        <span data-testid="view-option">
          {v.name}
          {v.isDefault ? <StarFilled style={{ color: '#faad14', marginInlineStart: 6 }} aria-label={t('views.default')} /> : null}
        </span>
      ),
      onClick: () => onSelect(v),
    })),
    { type: 'divider' as const },
    { key: 'create', label: t('views.saveAs'), onClick: () => openDialog({ mode: 'create' }), 'data-testid': 'view-save-as' },
    ...(current
      ? [
          {
            key: 'save',
            label: t('views.saveChanges'),
            disabled: !modified,
            onClick: () => saveChanges(current),
            'data-testid': 'view-save',
          },
          { key: 'rename', label: t('views.rename'), onClick: () => openDialog({ mode: 'rename', view: current }) },
          {
            key: 'default',
            label: current.isDefault ? t('views.unsetDefault') : t('views.setDefault'),
            onClick: () =>
              update.mutate(
                { id: current.id, body: { version: current.version, isDefault: !current.isDefault } },
                { onError: (e) => showError(e) },
              ),
            'data-testid': 'view-default',
          },
          { key: 'delete', label: t('views.delete'), danger: true, onClick: () => confirmDelete(current) },
        ]
      : []),
  ];

  return (
    <>
      <Dropdown menu={{ items, selectable: true, selectedKeys: [current?.id ?? 'all'] }} trigger={['click']}>
        <Button icon={<EyeOutlined />} data-testid="views-button" style={{ maxWidth: 240 }}>
          <Typography.Text ellipsis style={{ maxWidth: 150 }}>
            {current ? current.name : t('views.allCustomers')}
          </Typography.Text>
          {current && modified ? <Typography.Text type="warning">*</Typography.Text> : null}
          <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={dialog !== null}
        title={dialog?.mode === 'rename' ? t('views.rename') : t('views.saveAs')}
        onCancel={() => setDialog(null)}
        onOk={() => void submitName()}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'view-name-ok' } as ButtonProps}
      >
        <Form form={form} layout="vertical" onFinish={() => void submitName()}>
          <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input autoFocus maxLength={40} placeholder={t('views.namePlaceholder')} data-testid="view-name" />
          </Form.Item>
          {dialog?.mode === 'create' ? (
            <Form.Item name="isDefault" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>{t('views.makeDefault')}</Checkbox>
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
