import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { auditActionLabel, auditEntityTypeLabel } from '../audit-labels.ts';

interface Props {
  entries: TAuditEntry[];
  loading: boolean;
  height: number;
  onOpen: (entry: TAuditEntry) => void;
  /** Called when the user scrolls near the end, to fetch the next page. */
  onNearEnd: () => void;
  /** Phones: time, user and action only; the rest is one tap away in the detail drawer. */
  compact?: boolean;
}

const COMPACT_COLUMNS = new Set(['at', 'actor', 'action']);

function actionColor(action: string): string | undefined {
  if (/delete|remove|revoke/.test(action)) return 'red';
  if (/create|add/.test(action)) return 'green';
  if (/update|change|move|set/.test(action)) return 'blue';
  if (/login|logout|session/.test(action)) return 'purple';
  if (/export|read|list|view/.test(action)) return 'default';
  return undefined;
}

/** Virtualised: only the visible rows are in the DOM, so thousands of loaded rows stay smooth. */
export function AuditTable({ entries, loading, height, onOpen, onNearEnd, compact = false }: Props) {
  const { t, i18n } = useTranslation();
  const allColumns: TableColumnsType<TAuditEntry> = [
    {
      key: 'at',
      title: t('audit.at'),
      width: compact ? 118 : 170,
      render: (_, e) => (compact ? dayjs(e.at).format('MM-DD HH:mm:ss') : formatDateTime(e.at)),
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      width: compact ? 84 : 130,
      ellipsis: true,
      render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: compact ? 140 : 170,
      ellipsis: compact,
      render: (_, e) => (
        <Tag color={actionColor(e.action)} style={{ marginInlineEnd: 0 }} title={e.action}>
          {auditActionLabel(e.action, i18n.language)}
        </Tag>
      ),
    },
    {
      key: 'entityType',
      title: t('audit.entityType'),
      width: 120,
      ellipsis: true,
      render: (_, e) => (e.entityType ? auditEntityTypeLabel(e.entityType, i18n.language) : '—'),
    },
    { key: 'entityId', title: t('audit.entityId'), width: 200, ellipsis: true, render: (_, e) => e.entityId ?? '—' },
    { key: 'ip', title: t('audit.ip'), width: 130, ellipsis: true, render: (_, e) => e.ip ?? '—' },
    {
      key: 'changes',
      title: t('audit.changes'),
      ellipsis: true,
      render: (_, e) => {
        const fields = e.changes ? Object.keys(e.changes) : [];
        return fields.length ? fields.join(', ') : <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
  ];

  const columns = compact ? allColumns.filter((c) => COMPACT_COLUMNS.has(String(c.key))) : allColumns;

  return (
    <div data-testid="audit-table">
      <Table<TAuditEntry>
        virtual
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={entries}
        loading={loading}
        pagination={false}
        scroll={{ x: compact ? 342 : 1120, y: height }}
        onRow={(entry) => ({ onClick: () => onOpen(entry), style: { cursor: 'pointer' } })}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 300) onNearEnd();
        }}
      />
    </div>
  );
}
