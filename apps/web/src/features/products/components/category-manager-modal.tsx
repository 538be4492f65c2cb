import { useState } from 'react';
import { App, Button, Flex, Input, InputNumber, Modal, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TProductCategory, TUpdateProductCategory } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useCreateCategory, useProductCategories, useUpdateCategory } from '../api/products.queries.ts';

/** The category list (names in both languages, order, on/off), maintained by product managers and admins. */
export function CategoryManagerModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const categories = useProductCategories();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [name, setName] = useState('');

  const save = (c: TProductCategory, body: Omit<TUpdateProductCategory, 'version'>) =>
    update.mutate(
      { id: c.id, body: { ...body, version: c.version } },
      { onSuccess: () => void message.success(t('products.categoryDialog.saved')), onError: (e) => showError(e) },
    );
  const add = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const last = Math.max(0, ...(categories.data ?? []).map((c) => c.sortOrder));
    create.mutate({ name: trimmed, sortOrder: last + 10 }, { onSuccess: () => setName(''), onError: (e) => showError(e) });
  };

  return (
    <Modal open={open} title={t('products.categoryDialog.title')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={add}
          maxLength={40}
          placeholder={t('products.categoryDialog.addPlaceholder')}
          data-testid="category-new-name"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={add} loading={create.isPending} disabled={!name.trim()}>
          {t('products.categoryDialog.add')}
        </Button>
      </Flex>
      <Table<TProductCategory>
        size="small"
        rowKey="id"
        loading={categories.isPending}
        dataSource={categories.data ?? []}
        pagination={false}
        scroll={{ x: 560, y: 420 }}
        columns={[
          {
            key: 'name',
            title: t('products.categoryDialog.name'),
            width: 170,
            render: (_, c) => (
              <Typography.Text
                editable={{ onChange: (v) => v.trim() && v.trim() !== c.name && save(c, { name: v.trim() }), maxLength: 40 }}
              >
                {c.name}
              </Typography.Text>
            ),
          },
          {
            key: 'nameEn',
            title: t('products.categoryDialog.nameEn'),
            width: 200,
            render: (_, c) => (
              <Typography.Text
                editable={{ onChange: (v) => v.trim() !== (c.nameEn ?? '') && save(c, { nameEn: v.trim() || null }), maxLength: 60 }}
              >
                {c.nameEn ?? ''}
              </Typography.Text>
            ),
          },
          {
            key: 'sortOrder',
            title: t('products.categoryDialog.sortOrder'),
            width: 90,
            render: (_, c) => (
              <InputNumber
                size="small"
                min={0}
                max={9999}
                precision={0}
                defaultValue={c.sortOrder}
                style={{ width: 72 }}
                onBlur={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isInteger(v) && v !== c.sortOrder) save(c, { sortOrder: v });
                }}
              />
            ),
          },
          { key: 'count', title: t('products.categoryDialog.productCount'), width: 70, align: 'right', render: (_, c) => c.productCount },
          {
            key: 'active',
            title: t('products.categoryDialog.active'),
            width: 70,
            render: (_, c) => <Switch size="small" checked={c.isActive} onChange={(isActive) => save(c, { isActive })} />,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {t('products.categoryDialog.inactiveHint')}
      </Typography.Paragraph>
    </Modal>
  );
}
