import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TLead } from '@crm/contracts';
import { formatDate } from '../../../shared/utils/format.ts';
import { LeadStatusTag, leadRegion } from './lead-status-tag.tsx';

interface Props {
  leads: TLead[];
  loading: boolean;
  selectable: boolean;
  selectedIds: string[];
  onSelectionChange: (ids: string[]) => void;
}

/** Desktops: the leads as a table; the company name opens the lead. */
export function LeadsTable({ leads, loading, selectable, selectedIds, onSelectionChange }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<TLead> = [
    {
      title: t('leads.fields.companyName'),
      dataIndex: 'companyName',
      ellipsis: true,
      width: 210,
      render: (_: unknown, lead) => (
        <Link to={`/leads/${encodeURIComponent(lead.id)}`} data-testid="lead-link">
          {lead.companyName}
        </Link>
      ),
    },
    {
      title: t('leads.fields.contactName'),
      dataIndex: 'contactName',
      width: 140,
      ellipsis: true,
      render: (_: unknown, lead) =>
        lead.contactName ? (
          <span>
            {lead.contactName}
            {lead.title ? <Typography.Text type="secondary"> · {lead.title}</Typography.Text> : null}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('leads.fields.mobile'), dataIndex: 'mobile', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('leads.fields.status'),
      dataIndex: 'status',
      width: 90,
      render: (_: unknown, lead) => <LeadStatusTag status={lead.status} />,
    },
    { title: t('leads.fields.source'), dataIndex: 'source', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('leads.fields.region'), key: 'region', width: 120, render: (_: unknown, lead) => leadRegion(lead) ?? '—' },
    {
      title: t('leads.fields.owner'),
      dataIndex: 'ownerName',
      width: 90,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('leads.list.noOwner')}</Typography.Text>,
    },
    {
      title: t('leads.fields.lastActivityAt'),
      dataIndex: 'lastActivityAt',
      width: 110,
      render: (v: string | null) => formatDate(v, t('leads.list.neverFollowed')),
    },
    { title: t('leads.fields.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
  ];
  return (
    <Table<TLead>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={leads}
      loading={loading}
      pagination={false}
      scroll={{ x: 1100 }}
      rowSelection={
        selectable
          ? { selectedRowKeys: selectedIds, onChange: (keys) => onSelectionChange(keys.map(String)), preserveSelectedRowKeys: true }
          : undefined
      }
      data-testid="leads-table"
    />
  );
}
