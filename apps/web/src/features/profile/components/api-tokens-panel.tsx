import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZCreateApiToken, type TApiToken, type TCreatedApiToken } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api/profile.queries.ts';

interface CreateValues {
  name: string;
  expiresInDays: number | null;
}

function CreateTokenModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: TCreatedApiToken) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateApiToken();
  const showError = useApiError();
  const shape = ZCreateApiToken.shape;

  const onFinish = (values: CreateValues) =>
    create.mutate(
      { name: values.name.trim(), expiresInDays: values.expiresInDays ?? null },
      {
        onSuccess: (created) => {
          form.resetFields();
          onCreated(created);
        },
        onError: (e) => showError(e, { form }),
      },
    );

  return (
    <Modal
      open={open}
      title={t('profile.tokenCreate')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="form-submit">
          {t('common.create')}
        </Button>,
      ]}
    >
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish} preserve={false} style={{ marginTop: 16 }}>
        <Form.Item name="name" label={t('profile.tokenName')} rules={[requiredRule(), zodRule(shape.name)]}>
          <Input maxLength={64} autoFocus />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('profile.tokenExpiresInDays')}
          extra={t('profile.tokenExpiresHint')}
          rules={[zodRule(shape.expiresInDays)]}
        >
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CreatedTokenModal({ created, onClose }: { created: TCreatedApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Modal
      open={!!created}
      title={t('profile.tokenCreatedTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('profile.tokenCreatedWarning')} style={{ marginBottom: 16 }} />
      {created ? (
        <Typography.Paragraph
          code
          copyable={{ text: created.token, onCopy: () => void message.success(t('profile.tokenCopied')) }}
          style={{ wordBreak: 'break-all' }}
          data-testid="api-token-value"
        >
          {created.token}
        </Typography.Paragraph>
      ) : null}
    </Modal>
  );
}

export function ApiTokensPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const showError = useApiError();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TCreatedApiToken | null>(null);

  const onRevoke = (token: TApiToken) =>
    revoke.mutate(token.id, {
      onSuccess: () => void message.success(t('profile.tokenRevoked')),
      onError: (e) => showError(e),
    });

  const revokeButton = (token: TApiToken) => (
    <Popconfirm title={t('profile.tokenRevokeConfirm', { name: token.name })} onConfirm={() => onRevoke(token)}>
      <Button type="link" danger size="small" icon={<DeleteOutlined />}>
        {t('profile.tokenRevoke')}
      </Button>
    </Popconfirm>
  );

  const items = tokens.data ?? [];

  return (
    <div>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('profile.tokensIntro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-token-create">
          {t('profile.tokenCreate')}
        </Button>
      </Flex>
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : isMobile ? (
        items.length === 0 && !tokens.isPending ? (
          <Empty />
        ) : (
          <Flex vertical gap={8}>
            {items.map((token) => (
              <Card key={token.id} size="small" title={token.name} extra={revokeButton(token)}>
                <div className="kv-list">
                  <span>{t('profile.tokenPrefix')}</span>
                  <Typography.Text code>{token.prefix}…</Typography.Text>
                  <span>{t('profile.tokenCreatedAt')}</span>
                  <span>{formatDateTime(token.createdAt)}</span>
                  <span>{t('profile.tokenLastUsed')}</span>
                  <span>{formatDateTime(token.lastUsedAt, t('profile.tokenNeverUsed'))}</span>
                  <span>{t('profile.tokenExpires')}</span>
                  <span>{formatDateTime(token.expiresAt, t('profile.tokenNoExpiry'))}</span>
                </div>
              </Card>
            ))}
          </Flex>
        )
      ) : (
        <Table<TApiToken>
          rowKey="id"
          loading={tokens.isPending}
          dataSource={items}
          pagination={false}
          size="middle"
          columns={[
            { key: 'name', title: t('profile.tokenName'), dataIndex: 'name' },
            {
              key: 'prefix',
              title: t('profile.tokenPrefix'),
              dataIndex: 'prefix',
              render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
            },
            { key: 'createdAt', title: t('profile.tokenCreatedAt'), render: (_, r) => formatDateTime(r.createdAt) },
            {
              key: 'lastUsedAt',
              title: t('profile.tokenLastUsed'),
              render: (_, r) => formatDateTime(r.lastUsedAt, t('profile.tokenNeverUsed')),
            },
            {
              key: 'expiresAt',
              title: t('profile.tokenExpires'),
              render: (_, r) => formatDateTime(r.expiresAt, t('profile.tokenNoExpiry')),
            },
            { key: 'actions', title: t('common.actions'), width: 110, render: (_, r) => revokeButton(r) },
          ]}
        />
      )}
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          setCreated(c);
        }}
      />
      <CreatedTokenModal created={created} onClose={() => setCreated(null)} />
    </div>
  );
}
