import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Dropdown, Flex, Popconfirm, Row, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  EditOutlined,
  MoreOutlined,
  PhoneOutlined,
  RedoOutlined,
  StopOutlined,
  SwapOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Permission, type TLead } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { detailQueryState } from '../../../shared/ui/detail-query-state.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useLead, useQualifyLead, useReopenLead } from '../api/leads.queries.ts';
import { ConvertWizard } from '../components/convert-wizard.tsx';
import { DisqualifyDialog } from '../components/disqualify-dialog.tsx';
import { LeadActivities } from '../components/lead-activities.tsx';
import { LeadAssignModal } from '../components/lead-assign-modal.tsx';
import { LeadFormDrawer } from '../components/lead-form-drawer.tsx';
import { LeadStatusTag, leadRegion } from '../components/lead-status-tag.tsx';

export function LeadDetailPage() {
  const { id = '' } = useParams();
  return <LeadDetail key={id} id={id} />;
}

type Dialog = 'edit' | 'disqualify' | 'assign' | 'convert' | null;

function LeadDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const lead = useLead(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const reload = () => void lead.refetch();

  const back = (
    <Link to="/leads" className="back-link">
      <ArrowLeftOutlined /> {t('leads.backToList')}
    </Link>
  );
  const notReady = detailQueryState(lead, { back, onRetry: reload });
  if (notReady || !lead.data) return notReady;
  const l = lead.data;

  return (
    <div className="page-container" data-testid="lead-detail">
      {back}
      <Card style={{ margin: '12px 0 16px' }}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="lead-title">
              {l.companyName}
            </Typography.Title>
            <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
              <LeadStatusTag status={l.status} />
              {l.source ? <Typography.Text type="secondary">{l.source}</Typography.Text> : null}
              <Typography.Text type="secondary">
                <UserOutlined /> {l.ownerName ?? t('leads.list.noOwner')}
                {l.departmentName ? ` · ${l.departmentName}` : ''}
              </Typography.Text>
            </Flex>
          </div>
          <LeadActions lead={l} onOpen={setDialog} isMobile={isMobile} />
        </Flex>
        <StatusNote lead={l} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 9, order: 1 }}>
          <Card title={t('leads.detail.info')} size="small">
            <LeadDescriptions lead={l} />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 15, order: 2 }}>
          <LeadActivities lead={l} />
        </Col>
      </Row>
      <LeadFormDrawer state={dialog === 'edit' ? { mode: 'edit', lead: l } : null} onClose={close} onSaved={close} onStale={reload} />
      <DisqualifyDialog lead={l} open={dialog === 'disqualify'} onClose={close} onStale={reload} />
      <LeadAssignModal open={dialog === 'assign'} lead={l} onClose={close} />
      {dialog === 'convert' ? <ConvertWizard lead={l} open onClose={close} /> : null}
    </div>
  );
}

/** The actions the lead's status allows and the user may take; on phones the main ones as big buttons. */
function LeadActions({ lead, onOpen, isMobile }: { lead: TLead; onOpen: (d: Dialog) => void; isMobile: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canUpdate = usePermission(Permission.leadUpdate);
  const canAssign = usePermission(Permission.leadAssign);
  const canConvert = usePermission(Permission.leadConvert);
  const qualify = useQualifyLead();
  const reopen = useReopenLead();
  const open = lead.status === 'new' || lead.status === 'following' || lead.status === 'qualified';
  const size = isMobile ? 'large' : 'middle';

  const doQualify = () =>
    qualify.mutateAsync({ id: lead.id, version: lead.version }).then(
      () => void message.success(t('leads.qualifiedToast')),
      (e: unknown) => showError(e),
    );
  const doReopen = () =>
    reopen.mutateAsync({ id: lead.id, version: lead.version }).then(
      () => void message.success(t('leads.reopenedToast')),
      (e: unknown) => showError(e),
    );

  const convertButton =
    canConvert && open ? (
      <Button
        type="primary"
        size={size}
        icon={<SwapOutlined />}
        onClick={() => onOpen('convert')}
        data-testid="lead-convert"
        block={isMobile}
      >
        {t('leads.actions.convert')}
      </Button>
    ) : null;
  const qualifyButton =
    canUpdate && (lead.status === 'new' || lead.status === 'following') ? (
      <Popconfirm title={t('leads.qualifyConfirm')} onConfirm={() => void doQualify()}>
        <Button size={size} icon={<CheckCircleOutlined />} loading={qualify.isPending} data-testid="lead-qualify" block={isMobile}>
          {t('leads.actions.qualify')}
        </Button>
      </Popconfirm>
    ) : null;
  const callButton =
    isMobile && lead.mobile ? (
      <Button size={size} icon={<PhoneOutlined />} href={`tel:${lead.mobile.replace(/[\s-]/g, '')}`} block>
        {t('leads.actions.call')}
      </Button>
    ) : null;
  const more = [
    canUpdate && lead.status !== 'converted' ? { key: 'edit', icon: <EditOutlined />, label: t('common.edit') } : null,
    canAssign && lead.status !== 'converted'
      ? { key: 'assign', icon: <UserSwitchOutlined />, label: lead.ownerId ? t('leads.actions.transfer') : t('leads.actions.assign') }
      : null,
    canUpdate && open ? { key: 'disqualify', icon: <StopOutlined />, label: t('leads.actions.disqualify'), danger: true } : null,
    canUpdate && lead.status === 'disqualified' ? { key: 'reopen', icon: <RedoOutlined />, label: t('leads.actions.reopen') } : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);
  const onMenu = (key: string) => {
    if (key === 'reopen') void doReopen();
    else onOpen(key as Dialog);
  };

  if (isMobile) {
    return (
      <Flex vertical gap={8} style={{ width: '100%' }}>
        <Flex gap={8}>
          {callButton ? <div style={{ flex: 1 }}>{callButton}</div> : null}
          {convertButton ? <div style={{ flex: 1 }}>{convertButton}</div> : null}
        </Flex>
        <Flex gap={8}>
          {qualifyButton ? <div style={{ flex: 1 }}>{qualifyButton}</div> : null}
          {more.length > 0 ? (
            <Dropdown menu={{ items: more, onClick: ({ key }) => onMenu(key) }} trigger={['click']}>
              <Button size={size} icon={<MoreOutlined />} style={{ flex: qualifyButton ? 'none' : 1 }} data-testid="lead-more">
                {t('leads.actions.more')}
              </Button>
            </Dropdown>
          ) : null}
        </Flex>
      </Flex>
    );
  }
  return (
    <Flex gap={8} wrap>
      {more.map((m) => (
        <Button key={m.key} icon={m.icon} danger={'danger' in m} onClick={() => onMenu(m.key)} data-testid={`lead-${m.key}`}>
          {m.label}
        </Button>
      ))}
      {qualifyButton}
      {convertButton}
    </Flex>
  );
}

/** Why a lead is closed: its disqualification, or what it was converted into. */
function StatusNote({ lead }: { lead: TLead }) {
  const { t } = useTranslation();
  if (lead.status === 'disqualified' && lead.disqualifyReason) {
    return (
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }} data-testid="lead-disqualified-note">
        {lead.disqualifyNote
          ? t('leads.detail.disqualifiedWithNote', {
              date: formatDate(lead.disqualifiedAt),
              reason: t(`leads.disqualifyReason.${lead.disqualifyReason}`),
              note: lead.disqualifyNote,
            })
          : t('leads.detail.disqualified', {
              date: formatDate(lead.disqualifiedAt),
              reason: t(`leads.disqualifyReason.${lead.disqualifyReason}`),
            })}
      </Typography.Paragraph>
    );
  }
  if (lead.status === 'converted') {
    return (
      <Flex gap={12} wrap align="center" style={{ marginTop: 12 }} data-testid="lead-converted-note">
        <Typography.Text type="secondary">{t('leads.detail.converted', { date: formatDate(lead.convertedAt) })}</Typography.Text>
        {lead.convertedCustomerId ? (
          <Link to={`/customers/${encodeURIComponent(lead.convertedCustomerId)}`} data-testid="lead-open-customer">
            {t('leads.detail.openCustomer')}
          </Link>
        ) : null}
        {lead.convertedOpportunityId ? (
          <Link to={`/opportunities/${encodeURIComponent(lead.convertedOpportunityId)}`}>{t('leads.detail.openOpportunity')}</Link>
        ) : null}
      </Flex>
    );
  }
  return null;
}

function LeadDescriptions({ lead }: { lead: TLead }) {
  const { t } = useTranslation();
  const dash = '—';
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { width: 120 } }}
      items={[
        {
          key: 'contact',
          label: t('leads.fields.contactName'),
          children: [lead.contactName, lead.title].filter(Boolean).join(' · ') || dash,
        },
        {
          key: 'mobile',
          label: t('leads.fields.mobile'),
          children: lead.mobile ? <a href={`tel:${lead.mobile.replace(/[\s-]/g, '')}`}>{lead.mobile}</a> : dash,
        },
        { key: 'email', label: t('leads.fields.email'), children: lead.email ? <a href={`mailto:${lead.email}`}>{lead.email}</a> : dash },
        { key: 'region', label: t('leads.fields.region'), children: leadRegion(lead) ?? dash },
        { key: 'industry', label: t('leads.fields.industry'), children: lead.industry ?? dash },
        { key: 'source', label: t('leads.fields.source'), children: lead.source ?? dash },
        {
          key: 'lastActivityAt',
          label: t('leads.fields.lastActivityAt'),
          children: formatDateTime(lead.lastActivityAt, t('leads.list.neverFollowed')),
        },
        { key: 'createdAt', label: t('leads.fields.createdAt'), children: formatDateTime(lead.createdAt) },
        ...(lead.qualifiedAt
          ? [{ key: 'qualifiedAt', label: t('leads.fields.qualifiedAt'), children: formatDateTime(lead.qualifiedAt) }]
          : []),
        {
          key: 'notes',
          label: t('leads.fields.notes'),
          children: lead.notes ? <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{lead.notes}</span> : dash,
        },
      ]}
    />
  );
}
