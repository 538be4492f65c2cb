import { Descriptions, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@crm/contracts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { formatDateTime, formatUnknown } from '../../../shared/utils/format.ts';
import { auditActionLabel } from '../audit-labels.ts';

interface ChangeRow {
  field: string;
  from: unknown;
  to: unknown;
}

export function AuditDetailDrawer({ entry, onClose }: { entry: TAuditEntry | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const empty = t('audit.emptyValue');
  const changes: ChangeRow[] = entry?.changes ? Object.entries(entry.changes).map(([field, c]) => ({ field, from: c.from, to: c.to })) : [];

  return (
    <ResponsiveDrawer open={!!entry} title={t('audit.detail')} onClose={onClose} width={640}>
      {entry ? (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'at', label: t('audit.at'), children: formatDateTime(entry.at) },
              { key: 'actor', label: t('audit.actor'), children: entry.actorName ?? t('audit.system') },
              {
                key: 'action',
                label: t('audit.action'),
                children: (
                  <>
                    {auditActionLabel(entry.action, i18n.language)} <Typography.Text code>{entry.action}</Typography.Text>
                  </>
                ),
              },
              { key: 'entityType', label: t('audit.entityType'), children: entry.entityType ?? t('common.none') },
              {
                key: 'entityId',
                label: t('audit.entityId'),
                children: entry.entityId ? (
                  <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                    {entry.entityId}
                  </Typography.Text>
                ) : (
                  t('common.none')
                ),
              },
              { key: 'ip', label: t('audit.ip'), children: entry.ip ?? t('common.none') },
              {
                key: 'requestId',
                label: t('audit.requestId'),
                children: entry.requestId ? (
                  <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                    {entry.requestId}
                  </Typography.Text>
                ) : (
                  t('common.none')
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('audit.changes')}
          </Typography.Title>
          {changes.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noChanges')} />
          ) : (
            <Table<ChangeRow>
              rowKey="field"
              size="small"
              pagination={false}
              dataSource={changes}
              scroll={{ x: 480 }}
              data-testid="audit-changes"
              columns={[
                { key: 'field', title: t('audit.field'), dataIndex: 'field', width: 140 },
                {
                  key: 'from',
                  title: t('audit.from'),
                  render: (_, r) => <span className="audit-value is-from">{formatUnknown(r.from, empty)}</span>,
                },
                {
                  key: 'to',
                  title: t('audit.to'),
                  render: (_, r) => <span className="audit-value is-to">{formatUnknown(r.to, empty)}</span>,
                },
              ]}
            />
          )}
          {entry.meta && Object.keys(entry.meta).length > 0 ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {t('audit.meta')}
              </Typography.Title>
              <pre className="code-block">{JSON.stringify(entry.meta, null, 2)}</pre>
            </>
          ) : null}
        </>
      ) : null}
    </ResponsiveDrawer>
  );
}
