import { App, Button, Card, Descriptions, Empty, Flex, List, Skeleton, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowRightOutlined, SyncOutlined, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCustomer, TRegistryChange } from '@crm/contracts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDate, formatDateTime, formatRelative } from '../../../shared/utils/format.ts';
import { isAdverseStatus, useRefreshRegistry, useRegistryChanges } from './registry.queries.ts';

const columns = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 } as const;

function text(value: string | null | undefined) {
  return value ? value : <Typography.Text type="secondary">—</Typography.Text>;
}

function ChangeItem({ change }: { change: TRegistryChange }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="registry-change">
      <div style={{ width: '100%', minWidth: 0 }}>
        <Flex gap={8} wrap align="center" justify="space-between">
          <Space size={6} wrap>
            <Typography.Text strong>{t(`registry.field.${change.field}`)}</Typography.Text>
            {change.isAlert ? (
              <Tag color="red" icon={<WarningFilled />} style={{ marginInlineEnd: 0 }}>
                {t('registry.alert')}
              </Tag>
            ) : null}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatDateTime(change.detectedAt)}>
            {formatDateTime(change.detectedAt)}
          </Typography.Text>
        </Flex>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, marginTop: 4, wordBreak: 'break-word' }}>
          <Typography.Text delete type="secondary">
            {change.before ?? '—'}
          </Typography.Text>
          <ArrowRightOutlined style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }} />
          <Typography.Text>{change.after ?? '—'}</Typography.Text>
        </div>
      </div>
    </List.Item>
  );
}

/** The customer's business-registry record (工商信息): the stored snapshot, a refresh button and the change history. */
export function CustomerRegistryTab({ customer, canUpdate }: { customer: TCustomer; canUpdate: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const refresh = useRefreshRegistry();
  const changes = useRegistryChanges(customer.id);
  const snapshot = customer.registry;
  const renamed = !!snapshot?.registeredName && snapshot.registeredName !== customer.name;

  const onRefresh = () =>
    refresh.mutate(customer.id, {
      onSuccess: (result) =>
        void (result.changes.length > 0
          ? message.warning(t('registry.refreshedWithChanges', { count: result.changes.length }))
          : message.success(t('registry.refreshed'))),
      onError: (e) => showError(e),
    });

  const items: DescriptionsProps['items'] = snapshot
    ? [
        {
          key: 'registeredName',
          label: t('registry.registeredName'),
          span: 'filled',
          children: (
            <Space size={6} wrap>
              {text(snapshot.registeredName)}
              {renamed ? (
                <Tag color="orange" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                  {t('registry.differsFromCustomerName')}
                </Tag>
              ) : null}
            </Space>
          ),
        },
        {
          key: 'businessStatus',
          label: t('customers.businessStatus'),
          children: snapshot.businessStatus ? (
            <Tag
              color={isAdverseStatus(snapshot.businessStatus) ? 'red' : 'green'}
              style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
              data-testid="registry-status"
            >
              {snapshot.businessStatus}
            </Tag>
          ) : (
            text(null)
          ),
        },
        { key: 'legal', label: t('customers.legalRepresentative'), children: text(snapshot.legalRepresentative) },
        { key: 'capital', label: t('customers.registeredCapital'), children: text(snapshot.registeredCapital) },
        { key: 'established', label: t('customers.establishedDate'), children: formatDate(snapshot.establishedDate) },
        { key: 'address', label: t('customers.registeredAddress'), children: text(snapshot.registeredAddress), span: 'filled' },
        {
          key: 'synced',
          label: t('customers.registrySyncedAt'),
          span: 'filled',
          children: snapshot.syncedAt ? (
            <span title={formatDateTime(snapshot.syncedAt)}>
              {formatDateTime(snapshot.syncedAt)}
              <Typography.Text type="secondary"> ({formatRelative(snapshot.syncedAt)})</Typography.Text>
            </span>
          ) : (
            text(null)
          ),
        },
      ]
    : [];

  const refreshButton =
    canUpdate && customer.creditCode ? (
      <Button
        icon={<SyncOutlined spin={refresh.isPending} />}
        loading={false}
        disabled={refresh.isPending}
        onClick={onRefresh}
        data-testid="registry-refresh"
      >
        {t('registry.refresh')}
      </Button>
    ) : null;

  return (
    <Flex vertical gap={16} data-testid="registry-tab">
      <Card
        title={t('registry.snapshotTitle')}
        extra={refreshButton}
        styles={{ header: { gap: 8, paddingBlock: 8 }, title: { whiteSpace: 'normal', overflow: 'visible' } }}
      >
        {snapshot ? (
          <Descriptions
            bordered
            size="small"
            column={columns}
            items={items}
            styles={{ label: { minWidth: '5em' }, content: { wordBreak: 'break-word' } }}
            data-testid="registry-snapshot"
          />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={customer.creditCode ? t('registry.notSynced') : t('registry.noCreditCode')}
          />
        )}
        {snapshot && !customer.creditCode ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('registry.noCreditCode')}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card title={t('registry.historyTitle')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('registry.historyHint')}
        </Typography.Paragraph>
        {changes.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : changes.isError ? (
          <QueryError error={changes.error} onRetry={() => void changes.refetch()} />
        ) : changes.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.noChanges')} />
        ) : (
          <List
            size="small"
            dataSource={changes.data.items}
            rowKey="id"
            renderItem={(c) => <ChangeItem change={c} />}
            data-testid="registry-changes"
          />
        )}
      </Card>
    </Flex>
  );
}
