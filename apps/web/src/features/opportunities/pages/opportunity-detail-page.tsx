import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Descriptions, Dropdown, Empty, Flex, Switch, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, FileProtectOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Permission, type TOpportunity, type TOpportunityStage } from '@crm/contracts';
import { apiUrl } from '../../../shared/api/api-client.ts';
import { uploadFile } from '../../../shared/api/files.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { FullPageSpin } from '../../../shared/ui/full-page-spin.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useOpportunity, usePipeline, useStageHistory, useUpdateOpportunity } from '../api/opportunities.queries.ts';
import { OpportunityFormDrawer } from '../components/opportunity-form-drawer.tsx';
import { formatMoney, StageTag, useStageName } from '../components/stage-label.tsx';
import { useStageMover } from '../components/use-stage-mover.tsx';
import { OpportunityQuotesCard } from '../../quotes/components/opportunity-quotes-card.tsx';
import { RecordActivities } from '../../customers/activities/record-activities.tsx';

/** The pipeline as steps: the open stages in order, then where it ended (won or lost). */
function StageSteps({ o, stages, onPick }: { o: TOpportunity; stages: TOpportunityStage[]; onPick?: (s: TOpportunityStage) => void }) {
  const name = useStageName();
  const current = stages.find((s) => s.id === o.stageId);
  const shown = stages.filter((s) => s.kind === 'open' || s.id === o.stageId || (o.stageKind === 'open' && s.kind === 'won'));
  const index = shown.findIndex((s) => s.id === o.stageId);
  const ref = useRef<HTMLDivElement>(null);
  // On a phone the steps scroll sideways: keep the current one in view.
  useEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>('.stage-step-current, .stage-step-won, .stage-step-lost');
    if (el && ref.current) ref.current.scrollLeft = el.offsetLeft - (ref.current.clientWidth - el.clientWidth) / 2;
  }, [o.stageId, shown.length]);
  return (
    <div className="stage-steps" data-testid="stage-steps" ref={ref}>
      {shown.map((s, i) => {
        const state =
          i < index ? 'done' : i === index ? (current?.kind === 'lost' ? 'lost' : current?.kind === 'won' ? 'won' : 'current') : 'todo';
        return (
          <button
            type="button"
            key={s.id}
            className={`stage-step stage-step-${state}`}
            disabled={!onPick || s.id === o.stageId}
            onClick={() => onPick?.(s)}
            title={`${name(s)} · ${s.probability}%`}
          >
            <span className="stage-step-name">{name(s)}</span>
            <span className="stage-step-prob">{s.probability}%</span>
          </button>
        );
      })}
    </div>
  );
}

function TenderTab({ o, canEdit }: { o: TOpportunity; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const update = useUpdateOpportunity(o.id);
  const [uploading, setUploading] = useState(false);
  if (!o.isTender) return <Empty description={t('opportunities.tender.notTender')} />;
  const tender = o.tender;
  async function upload(file: File) {
    setUploading(true);
    try {
      const stored = await uploadFile(file);
      await update.mutateAsync({ version: o.version, tender: { awardNoticeFileId: stored.id } });
      void message.success(t('opportunities.savedToast'));
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  }
  return (
    <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
      <Descriptions.Item label={t('opportunities.tender.tenderNumber')}>{tender.tenderNumber ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('opportunities.tender.bidOpeningDate')}>{formatDate(tender.bidOpeningDate)}</Descriptions.Item>
      <Descriptions.Item label={t('opportunities.tender.bidBondAmount')}>{formatMoney(tender.bidBondAmount)}</Descriptions.Item>
      <Descriptions.Item label={t('opportunities.tender.bidBondReturned')}>
        <Switch
          size="small"
          checked={tender.bidBondReturned}
          disabled={!canEdit || update.isPending}
          onChange={(v) => update.mutate({ version: o.version, tender: { bidBondReturned: v } }, { onError: (e) => showError(e) })}
        />
      </Descriptions.Item>
      <Descriptions.Item label={t('opportunities.tender.result')}>
        <Tag color={tender.result === 'won' ? 'success' : tender.result === 'lost' ? 'error' : 'default'}>
          {t(`opportunities.tender.resultValue.${tender.result}`)}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('opportunities.tender.awardNotice')}>
        <Flex gap={8} wrap align="center">
          {tender.awardNoticeFileId ? (
            <a href={apiUrl(`/opportunities/${o.id}/award-notice`)} target="_blank" rel="noreferrer">
              <DownloadOutlined /> {tender.awardNoticeName}
            </a>
          ) : (
            <Typography.Text type="secondary">{t('opportunities.tender.none')}</Typography.Text>
          )}
          {canEdit && o.stageKind === 'open' ? (
            <Upload
              accept=".pdf,.png,.jpg,.jpeg"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="award-notice-upload">
                {tender.awardNoticeFileId ? t('opportunities.tender.replace') : t('opportunities.tender.upload')}
              </Button>
            </Upload>
          ) : null}
        </Flex>
      </Descriptions.Item>
    </Descriptions>
  );
}

function HistoryTab({ id, stages }: { id: string; stages: Map<string, TOpportunityStage> }) {
  const { t } = useTranslation();
  const name = useStageName();
  const history = useStageHistory(id);
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data ?? [];
  if (!history.isLoading && items.length === 0) return <Empty description={t('opportunities.history.empty')} />;
  return (
    <Timeline
      items={[...items].reverse().map((h) => {
        const to = stages.get(h.toStageId);
        return {
          color: to?.kind === 'won' ? 'green' : to?.kind === 'lost' ? 'gray' : 'blue',
          content: (
            <div data-testid="history-item">
              <Typography.Text strong>
                {h.fromStageId
                  ? `${name(stages.get(h.fromStageId))} → ${name(to)}`
                  : t('opportunities.history.created', { stage: name(to) })}
              </Typography.Text>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                {formatDateTime(h.at)} · {h.byName ?? '—'} · {h.probability}%
                {h.daysInFromStage !== null ? ` · ${t('opportunities.history.days', { count: h.daysInFromStage })}` : ''}
              </div>
              {h.reasonCode || h.reason ? (
                <div style={{ fontSize: 12 }}>
                  {h.reasonCode ? `${t(`opportunities.reason.${h.reasonCode}` as never)}` : ''}
                  {h.reasonCode && h.reason ? '：' : ''}
                  {h.reason}
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}

/** 商机详情: the stage steps, the deal, tender info, competitors, product lines and the stage history. */
export function OpportunityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const canEdit = usePermission(Permission.opportunityUpdate);
  const canWriteActivities = usePermission(Permission.activityWrite);
  const canCreateContract = usePermission(Permission.contractWrite);
  const query = useOpportunity(id);
  const { data: pipeline } = usePipeline();
  const name = useStageName();
  const [editing, setEditing] = useState(false);
  const mover = useStageMover();
  if (query.isLoading) return <FullPageSpin />;
  if (query.isError || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const o = query.data;
  const stages = pipeline?.stages ?? [];
  const byId = new Map(stages.map((s) => [s.id, s]));
  const stage = byId.get(o.stageId);
  const pick = canEdit ? (s: TOpportunityStage) => mover.requestMove(o, s) : undefined;

  return (
    <PageContainer
      title={
        <Flex gap={8} align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <span style={{ wordBreak: 'break-word' }}>{o.name}</span>
          <StageTag stage={stage} probability={o.probability} />
        </Flex>
      }
      extra={
        canEdit ? (
          <>
            {canCreateContract && o.stageKind !== 'lost' ? (
              <Link to={`/contracts/new?from=opportunity&id=${encodeURIComponent(o.id)}`}>
                <Button icon={<FileProtectOutlined />} data-testid="opportunity-create-contract">
                  {t('contracts.createFrom')}
                </Button>
              </Link>
            ) : null}
            <Dropdown
              trigger={['click']}
              menu={{
                items: stages.map((s) => ({ key: s.id, label: `${name(s)} · ${s.probability}%`, disabled: s.id === o.stageId })),
                onClick: ({ key }) => mover.requestMove(o, byId.get(key)!),
              }}
            >
              <Button icon={<SwapOutlined />} data-testid="detail-move">
                {t('opportunities.move.action')}
              </Button>
            </Dropdown>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="opportunity-edit">
              {t('common.edit')}
            </Button>
          </>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <StageSteps o={o} stages={stages} onPick={pick} />
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'overview',
              label: t('opportunities.tabs.overview'),
              children: (
                <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" bordered={!isMobile}>
                  <Descriptions.Item label={t('opportunities.fields.customer')}>
                    <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.amount')}>
                    <Typography.Text strong data-testid="opportunity-amount-value">
                      {formatMoney(o.amount, o.currency)}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.weightedAmount')}>
                    {formatMoney(o.weightedAmount, o.currency)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.probability')}>
                    {o.probability}%{o.probabilityOverridden ? ` (${t('opportunities.fields.probabilityOverridden')})` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.expectedCloseDate')}>
                    {formatDate(o.expectedCloseDate)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.stageEnteredAt')}>{formatDateTime(o.stageEnteredAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.owner')}>{o.ownerName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.department')}>{o.departmentName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.source')}>
                    {o.source ? t(`opportunities.source.${o.source}` as never) : '—'}
                  </Descriptions.Item>
                  {o.stageKind !== 'open' ? (
                    <>
                      <Descriptions.Item label={t('opportunities.fields.closedAt')}>{formatDateTime(o.closedAt)}</Descriptions.Item>
                      {o.wonDate ? (
                        <Descriptions.Item label={t('opportunities.fields.wonDate')}>{formatDate(o.wonDate)}</Descriptions.Item>
                      ) : null}
                      <Descriptions.Item label={t('opportunities.fields.closeReason')}>
                        {[o.closeReasonCode ? t(`opportunities.reason.${o.closeReasonCode}` as never) : null, o.closeReason]
                          .filter(Boolean)
                          .join('：') || '—'}
                      </Descriptions.Item>
                    </>
                  ) : null}
                  <Descriptions.Item label={t('opportunities.fields.createdAt')}>{formatDateTime(o.createdAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('opportunities.fields.description')} span={{ xs: 1, sm: 2, lg: 3 }}>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{o.description ?? '—'}</Typography.Paragraph>
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'activities',
              label: t('opportunities.tabs.activities'),
              children: (
                <RecordActivities
                  base="/opportunities"
                  id={o.id}
                  title={t('opportunities.tabs.activities')}
                  composeLabel={t('opportunities.followUp')}
                  canWrite={canWriteActivities}
                  data-testid="opportunity-activities"
                />
              ),
            },
            { key: 'tender', label: t('opportunities.tabs.tender'), children: <TenderTab o={o} canEdit={canEdit} /> },
            {
              key: 'competitors',
              label: `${t('opportunities.tabs.competitors')} (${o.competitors.length})`,
              children: (
                <Table
                  rowKey={(c) => c.name}
                  size="small"
                  pagination={false}
                  dataSource={o.competitors}
                  scroll={{ x: 640 }}
                  locale={{ emptyText: t('opportunities.competitors.empty') }}
                  columns={[
                    { key: 'name', title: t('opportunities.competitors.name'), dataIndex: 'name', width: 160 },
                    {
                      key: 's',
                      title: t('opportunities.competitors.strengths'),
                      dataIndex: 'strengths',
                      render: (v: string | null) => v ?? '—',
                    },
                    {
                      key: 'w',
                      title: t('opportunities.competitors.weaknesses'),
                      dataIndex: 'weaknesses',
                      render: (v: string | null) => v ?? '—',
                    },
                    {
                      key: 'p',
                      title: t('opportunities.competitors.quotedPrice'),
                      dataIndex: 'quotedPrice',
                      align: 'right',
                      width: 150,
                      render: (v: string | null) => formatMoney(v, o.currency),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'lines',
              label: `${t('opportunities.tabs.lines')} (${o.lines.length})`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={o.lines}
                  scroll={{ x: 640 }}
                  locale={{ emptyText: t('opportunities.lines.empty') }}
                  columns={[
                    { key: 'code', title: t('opportunities.lines.materialCode'), dataIndex: 'materialCode', width: 140 },
                    { key: 'name', title: t('opportunities.lines.product'), dataIndex: 'productName' },
                    { key: 'q', title: t('opportunities.lines.quantity'), dataIndex: 'quantity', align: 'right', width: 100 },
                    {
                      key: 'p',
                      title: t('opportunities.lines.unitPrice'),
                      dataIndex: 'unitPrice',
                      align: 'right',
                      width: 140,
                      render: (v: string) => formatMoney(v, o.currency),
                    },
                    {
                      key: 'a',
                      title: t('opportunities.lines.amount'),
                      dataIndex: 'amount',
                      align: 'right',
                      width: 160,
                      render: (v: string) => formatMoney(v, o.currency),
                    },
                  ]}
                />
              ),
            },
            { key: 'history', label: t('opportunities.tabs.history'), children: <HistoryTab id={o.id} stages={byId} /> },
          ]}
        />
      </Card>
      <div style={{ marginTop: 12 }}>
        <OpportunityQuotesCard opportunityId={o.id} />
      </div>
      {mover.modal}
      <OpportunityFormDrawer open={editing} onClose={() => setEditing(false)} opportunity={o} />
    </PageContainer>
  );
}
