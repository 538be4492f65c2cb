import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Badge, Button, Card, Col, Dropdown, Flex, Row, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Permission, type TContract, type TContractReviewFinding, type TReviewLevel } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { detailQueryState } from '../../../shared/ui/detail-query-state.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDate } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { ProductPicker } from '../../products/components/product-picker.tsx';
import { useContract, useRunContractReview, useUpdateContract } from '../api/contracts.queries.ts';
import { AnnexImportModal } from '../components/annex-import-modal.tsx';
import { useContractActions, type ActionItem } from '../components/contract-actions.tsx';
import { ContractApproval } from '../components/contract-approval.tsx';
import { ContractDocumentsTab } from '../components/contract-documents-tab.tsx';
import {
  dirtySections,
  draftOf,
  draftProblems,
  effectivePrice,
  freeTextLine,
  fromLine,
  lineOfProduct,
  updateBody,
  type ContractDraft,
  type DraftProblem,
  type DraftSection,
} from '../components/contract-draft.ts';
import { findingsFor, formatMoney, worstLevel } from '../components/contract-format.ts';
import { ContractInfoEditor, ContractInfoView } from '../components/contract-info.tsx';
import { ContractLinesEditor, ContractLinesTable } from '../components/contract-lines.tsx';
import { ContractStatusSteps } from '../components/contract-status-steps.tsx';
import { ContractStatusTag, ReviewLevelTag } from '../components/contract-tags.tsx';
import { ContractTotals } from '../components/contract-totals.tsx';
import { ContractVersions } from '../components/contract-versions.tsx';
import { lineAmount, sumAmounts } from '../components/decimal-text.ts';
import { MobileTabs } from '../components/mobile-tabs.tsx';
import { PaymentTermsEditor, PaymentTermsView } from '../components/payment-terms-editor.tsx';
import '../contracts.css';
import { FindingsAlert, ReviewPanel } from '../components/review-findings.tsx';

const TABS = ['info', 'lines', 'terms', 'review', 'approval', 'documents', 'versions'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | null): v is TabKey => !!v && (TABS as readonly string[]).includes(v);

const SECTION_TAB: Record<DraftSection, TabKey> = { info: 'info', lines: 'lines', paymentTerms: 'terms' };
const INFO_FIELDS = ['customer', 'deliveryTerms', 'warrantyMonths', 'latePenalty'];

interface Editing {
  initial: ContractDraft;
  draft: ContractDraft;
  /** The record version the draft was taken from. */
  version: number;
}

/** 合同详情: header, status steps, the tabs of the contract, and what may be done next. */
export function ContractDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  const versionId = params.get('versionId') ?? undefined;
  const contract = useContract(id, versionId);
  const state = detailQueryState(contract, {
    back: (
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/contracts')} className="back-link">
        {t('contracts.backToList')}
      </Button>
    ),
    onRetry: () => void contract.refetch(),
  });
  if (state) return state;
  return (
    <ContractView
      key={`${contract.data!.id}:${versionId ?? ''}`}
      contract={contract.data!}
      viewingVersionId={versionId}
      onReload={() => void contract.refetch()}
    />
  );
}

function problemText(t: TFunction, p: DraftProblem): string {
  const no = 'position' in p && p.position !== undefined ? String(p.position) : '';
  const key = `contracts.edit.problem.${p.key}` as const;
  return t(key, { no });
}

function ContractView({
  contract: c,
  viewingVersionId,
  onReload,
}: {
  contract: TContract;
  viewingVersionId?: string;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const canWrite = usePermission(Permission.contractWrite);
  const canWriteDocuments = usePermission(Permission.contractDocumentWrite);
  const update = useUpdateContract();
  const review = useRunContractReview();
  const readOnly = !!viewingVersionId;
  // A contract just created opens in edit mode (?edit=1).
  const [editing, setEditing] = useState<Editing | null>(() =>
    params.get('edit') === '1' && !readOnly && c.actions.edit ? { initial: draftOf(c), draft: draftOf(c), version: c.version } : null,
  );
  const [annexOpen, setAnnexOpen] = useState(false);
  // The tab is the page's own state (switching must not wait for a navigation); the address keeps it for links and reloads.
  const [tab, setTabState] = useState<TabKey>(() => (isTab(params.get('tab')) ? (params.get('tab') as TabKey) : 'info'));
  const setTab = (key: TabKey) => {
    setTabState(key);
    const next = new URLSearchParams(params);
    next.set('tab', key);
    next.delete('edit');
    setParams(next, { replace: true });
  };

  // After starting an amendment the fresh record (its new working version) is edited, not the one this render shows.
  const startEdit = (record: TContract = c) => setEditing({ initial: draftOf(record), draft: draftOf(record), version: record.version });

  const dirty = useMemo(() => (editing ? dirtySections(editing.initial, editing.draft) : new Set<DraftSection>()), [editing]);
  const change = (patch: Partial<ContractDraft>) => setEditing((e) => (e ? { ...e, draft: { ...e.draft, ...patch } } : e));

  const stopEdit = () => {
    setEditing(null);
    if (params.get('edit')) {
      const next = new URLSearchParams(params);
      next.delete('edit');
      setParams(next, { replace: true });
    }
  };
  const cancelEdit = () => {
    if (dirty.size === 0) return stopEdit();
    modal.confirm({ content: t('contracts.edit.discardConfirm'), onOk: stopEdit, okButtonProps: { danger: true } });
  };

  const save = () => {
    if (!editing) return;
    if (dirty.size === 0) return stopEdit();
    const problems = draftProblems(editing.draft, dirty);
    if (problems.length > 0) {
      setTab(SECTION_TAB[problems[0]!.section]);
      void message.error(problems.map((p) => problemText(t, p)).join('；'));
      return;
    }
    update.mutate(
      { id: c.id, body: updateBody(editing.initial, editing.draft, editing.version) },
      {
        onSuccess: () => {
          void message.success(t('contracts.edit.saved'));
          stopEdit();
        },
        onError: (e) =>
          showError(e, {
            onStale: () => {
              stopEdit();
              onReload();
            },
          }),
      },
    );
  };

  const actions = useContractActions(c, {
    onEdit: (fresh) => {
      setTab(tab === 'review' || tab === 'approval' || tab === 'documents' || tab === 'versions' ? 'info' : tab);
      startEdit(fresh);
    },
    onStale: onReload,
    onOpenDocuments: () => setTab('documents'),
  });

  // Imported annex lines replace the lines being edited; the other changes stay.
  const onAnnexImported = (saved: TContract) =>
    setEditing((e) => {
      if (!e) return e;
      const lines = saved.lines.map(fromLine);
      return { version: saved.version, initial: { ...e.initial, lines }, draft: { ...e.draft, lines } };
    });

  const findingCount = (findings: readonly TContractReviewFinding[]) => findings.filter((f) => f.level !== 'pass').length;
  const lineFindings = (c.review?.findings ?? []).filter((f) => f.field === 'lines' || f.lineId);
  const counts: Partial<Record<TabKey, { n: number; level: TReviewLevel | null }>> = {
    info: {
      n: INFO_FIELDS.reduce((n, f) => n + findingsFor(c.review, f).length, 0),
      level: worstLevel(INFO_FIELDS.flatMap((f) => findingsFor(c.review, f))),
    },
    lines: { n: findingCount(lineFindings), level: worstLevel(lineFindings) },
    terms: { n: findingsFor(c.review, 'paymentTerms').length, level: worstLevel(findingsFor(c.review, 'paymentTerms')) },
    review: { n: findingCount(c.review?.findings ?? []), level: c.review ? worstLevel(c.review.findings) : null },
  };
  const tabLabel = (key: TabKey): ReactNode => {
    const label = t(`contracts.tabs.${key}`);
    const dirtyMark = editing && Object.entries(SECTION_TAB).some(([s, k]) => k === key && dirty.has(s as DraftSection));
    const count = counts[key];
    return (
      <span data-testid={`contract-tab-${key}`}>
        {label}
        {dirtyMark ? ' *' : ''}
        {count && count.n > 0 ? (
          <Badge count={count.n} size="small" color={count.level === 'block' ? '#ff4d4f' : '#faad14'} style={{ marginInlineStart: 6 }} />
        ) : null}
      </span>
    );
  };

  const lineNames = new Map(c.lines.map((l) => [l.id, `${l.position}. ${l.materialCode ? `${l.materialCode} ` : ''}${l.name}`]));
  const pendingTotal =
    editing && dirty.has('lines')
      ? sumAmounts(
          editing.draft.lines.map((l) => {
            const price = effectivePrice(l);
            return (price === null ? null : lineAmount(l.qty, price)) ?? 'x';
          }),
        )
      : undefined;

  const linesTab = (
    <Flex vertical gap={12}>
      <FindingsAlert findings={findingsFor(c.review, 'lines')} testId="contract-lines-findings" stale={dirty.has('lines')} />
      {editing ? (
        <Flex gap={8} wrap>
          <div style={{ flex: '1 1 280px', minWidth: 0 }}>
            <ProductPicker
              value={[]}
              onChange={(_ids, products) => change({ lines: [...editing.draft.lines, ...products.map(lineOfProduct)] })}
              placeholder={t('contracts.lines.addPlaceholder')}
              data-testid="contract-add-product"
            />
          </div>
          <Button
            icon={<PlusOutlined />}
            onClick={() => change({ lines: [...editing.draft.lines, freeTextLine()] })}
            data-testid="contract-add-free-line"
          >
            {t('contracts.lines.addFreeText')}
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={() => setAnnexOpen(true)} data-testid="contract-annex-open">
            {t('contracts.annex.button')}
          </Button>
        </Flex>
      ) : c.actions.edit && canWrite && !readOnly ? (
        <Flex justify="flex-end">
          <Button icon={<FileExcelOutlined />} onClick={() => setAnnexOpen(true)} data-testid="contract-annex-open">
            {t('contracts.annex.button')}
          </Button>
        </Flex>
      ) : null}
      {editing ? (
        <ContractLinesEditor
          lines={editing.draft.lines}
          onChange={(lines) => change({ lines })}
          saved={c.lines}
          review={c.review}
          currency={editing.draft.currency}
          isMobile={isMobile}
        />
      ) : (
        <ContractLinesTable lines={c.lines} currency={c.currency} review={c.review} isMobile={isMobile} />
      )}
      <Flex justify="flex-end">
        <Card size="small" style={{ width: isMobile ? '100%' : 380 }}>
          <ContractTotals totals={c.totals} currency={editing?.draft.currency ?? c.currency} pendingTotal={pendingTotal} />
        </Card>
      </Flex>
    </Flex>
  );

  const tabs: { key: TabKey; label: ReactNode; children: ReactNode }[] = [
    {
      key: 'info',
      label: tabLabel('info'),
      children: editing ? (
        <ContractInfoEditor contract={c} draft={editing.draft} onChange={change} />
      ) : (
        <ContractInfoView contract={c} isMobile={isMobile} />
      ),
    },
    { key: 'lines', label: tabLabel('lines'), children: linesTab },
    {
      key: 'terms',
      label: tabLabel('terms'),
      children: editing ? (
        <PaymentTermsEditor
          terms={editing.draft.paymentTerms}
          onChange={(paymentTerms) => change({ paymentTerms })}
          findings={findingsFor(c.review, 'paymentTerms')}
          stale={dirty.has('paymentTerms')}
          isMobile={isMobile}
        />
      ) : (
        <PaymentTermsView terms={c.paymentTerms} findings={findingsFor(c.review, 'paymentTerms')} />
      ),
    },
    {
      key: 'review',
      label: tabLabel('review'),
      children: (
        <ReviewPanel
          review={c.review}
          canRun={canWrite && c.actions.edit && !readOnly && !editing}
          running={review.isPending}
          onRun={() =>
            review.mutate(c.id, { onSuccess: () => void message.success(t('contracts.review.done')), onError: (e) => showError(e) })
          }
          lineName={(lineId) => lineNames.get(lineId) ?? null}
        />
      ),
    },
    { key: 'approval', label: tabLabel('approval'), children: <ContractApproval contract={c} /> },
    {
      key: 'documents',
      label: tabLabel('documents'),
      children: <ContractDocumentsTab contractId={c.id} contractType={c.type} canWrite={canWriteDocuments && !readOnly} />,
    },
    { key: 'versions', label: tabLabel('versions'), children: <ContractVersions contract={c} viewingVersionId={viewingVersionId} /> },
  ];

  const editBar = (
    <>
      {dirty.size > 0 ? (
        <Typography.Text type="warning" style={{ alignSelf: 'center' }}>
          {t('contracts.edit.unsaved')}
        </Typography.Text>
      ) : null}
      <Button onClick={cancelEdit} disabled={update.isPending} data-testid="contract-edit-cancel">
        {t('common.cancel')}
      </Button>
      <Button type="primary" onClick={save} loading={update.isPending} data-testid="contract-save">
        {t('common.save')}
      </Button>
    </>
  );

  const actionButtons = (items: ActionItem[]) =>
    items.map((a) => (
      <Button
        key={a.key}
        type={a.primary ? 'primary' : 'default'}
        danger={a.danger}
        onClick={a.run}
        loading={a.primary && actions.busy}
        data-testid={`contract-action-${a.key}`}
      >
        {a.label}
      </Button>
    ));

  const visibleActions = readOnly ? [] : actions.items;
  // Phones: the main action and a "more" menu in a bar at the bottom of the screen.
  const mobileBar = (() => {
    if (editing)
      return (
        <Flex gap={8} justify="flex-end" align="center" wrap={false}>
          {editBar}
        </Flex>
      );
    if (visibleActions.length === 0) return null;
    const main = visibleActions.find((a) => a.primary) ?? visibleActions[0]!;
    const rest = visibleActions.filter((a) => a !== main);
    return (
      <Flex gap={8} justify="flex-end" wrap={false}>
        {rest.length > 0 ? (
          <Dropdown
            trigger={['click']}
            menu={{
              items: rest.map(
                (a) => ({ key: a.key, label: a.label, danger: a.danger, 'data-testid': `contract-action-${a.key}` }) as never,
              ),
              onClick: ({ key }) => rest.find((a) => a.key === key)?.run(),
            }}
          >
            <Button size="large" icon={<MoreOutlined />} data-testid="contract-action-more">
              {t('contracts.actions.more')}
            </Button>
          </Dropdown>
        ) : null}
        <Button
          size="large"
          type={main.primary ? 'primary' : 'default'}
          danger={main.danger}
          onClick={main.run}
          style={{ flex: 1 }}
          loading={actions.busy}
          data-testid={`contract-action-${main.key}`}
        >
          {main.label}
        </Button>
      </Flex>
    );
  })();

  const title = (
    <Flex align="center" gap={8} wrap>
      <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/contracts')} aria-label={t('contracts.backToList')} />
      <span data-testid="contract-number" data-number={c.number ?? ''} style={{ wordBreak: 'break-word' }}>
        {c.number ?? c.title}
      </span>
      <ContractStatusTag status={c.status} />
      {c.review ? <ReviewLevelTag level={c.review.level} /> : null}
      {c.versionKind === 'amendment' && (c.versionStatus === 'draft' || c.versionStatus === 'in_review') ? (
        <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="contract-amendment-tag">
          {t('contracts.versions.amendmentOpen', { no: c.versionNo })}
        </Tag>
      ) : null}
    </Flex>
  );

  return (
    <div className={isMobile && (editing || visibleActions.length > 0) ? 'contract-page has-bottom-bar' : 'contract-page'}>
      <PageContainer title={title} extra={isMobile ? null : editing ? editBar : actionButtons(visibleActions)}>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="contract-title">
          {c.number ? c.title : t('contracts.numberOnSubmit')}
        </Typography.Paragraph>
        {readOnly ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('contracts.versions.viewing', { no: c.versionNo })}
            action={<Link to={`/contracts/${encodeURIComponent(c.id)}`}>{t('contracts.versions.viewCurrent')}</Link>}
            data-testid="contract-old-version"
          />
        ) : null}
        {editing ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('contracts.edit.hint')} data-testid="contract-editing" />
        ) : null}
        <Card size="small" style={{ marginBottom: 12 }}>
          <ContractStatusSteps
            status={c.status}
            // Where a terminated contract stopped: signed, approved (it has an effective version) or still a draft.
            reachedBeforeTermination={c.signedDate ? 'signed' : c.effectiveVersionId ? 'approved' : 'draft'}
          />
        </Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={24} lg={16}>
            <Card size="small" style={{ height: '100%' }}>
              <div className="kv-list contract-summary" data-testid="contract-summary">
                <span>{t('contracts.fields.customer')}</span>
                <Link to={`/customers/${encodeURIComponent(c.customerId)}`}>{c.customerName ?? '—'}</Link>
                <span>{t('contracts.fields.type')}</span>
                <span>{t(`contracts.type.${c.type}`)}</span>
                <span>{t('contracts.fields.owner')}</span>
                <span>{[c.ownerName, c.departmentName].filter(Boolean).join(' · ') || '—'}</span>
                <span>{t('contracts.fields.signedDate')}</span>
                <span>{formatDate(c.signedDate)}</span>
                <span>{t('contracts.fields.version')}</span>
                <span>
                  {t('contracts.versions.versionNo', { no: c.versionNo })} · {t(`contracts.versionStatus.${c.versionStatus}`)}
                </span>
              </div>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" style={{ height: '100%' }}>
              <Typography.Text type="secondary">{t('contracts.totals.amountInclTax')}</Typography.Text>
              <Typography.Title level={3} style={{ margin: '4px 0 0' }} className="tabular" data-testid="contract-amount">
                {formatMoney(c.totals.amountInclTax, c.currency)}
              </Typography.Title>
              {c.totals.marginPercent !== null ? (
                <Typography.Text type="secondary">{t('contracts.totals.marginShort', { percent: c.totals.marginPercent })}</Typography.Text>
              ) : null}
            </Card>
          </Col>
        </Row>
        <Card size="small" styles={{ body: { paddingTop: 0 } }}>
          {isMobile ? (
            <MobileTabs<TabKey> items={tabs} activeKey={tab} onChange={setTab} />
          ) : (
            <Tabs activeKey={tab} onChange={(k) => setTab(k as TabKey)} items={tabs} data-testid="contract-tabs" />
          )}
        </Card>
      </PageContainer>
      {isMobile && mobileBar ? (
        <div className="contract-bottom-bar" data-testid="contract-bottom-bar">
          {mobileBar}
        </div>
      ) : null}
      {actions.dialogs}
      {annexOpen ? (
        <AnnexImportModal contract={c} open={annexOpen} onClose={() => setAnnexOpen(false)} onImported={onAnnexImported} />
      ) : null}
    </div>
  );
}
