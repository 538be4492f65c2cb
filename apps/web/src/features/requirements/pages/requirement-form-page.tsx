import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TRequirement } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { CustomerSelect } from '../../opportunities/components/customer-select.tsx';
import { useOpportunities } from '../../opportunities/api/opportunities.queries.ts';
import { ProductPicker } from '../../products/components/product-picker.tsx';
import { useCreateRequirement, useRequirement, useRequirementAction, useUpdateRequirement } from '../api/requirements.queries.ts';
import {
  attachmentFiles,
  attachmentIdsOf,
  RequirementAttachmentsInput,
  type AttachmentFile,
} from '../components/requirement-attachments.tsx';
import {
  freeLine,
  fromRequirementLine,
  lineOfProduct,
  lineProblem,
  RequirementLinesEditor,
  toLineInput,
  type EditorLine,
} from '../components/requirement-lines-editor.tsx';
import '../requirements.css';

type Header = {
  customerId: string | undefined;
  customerName: string | null;
  opportunityId: string | null;
  title: string;
  wantedDate: string | null;
  notes: string;
};

/** The customer's open opportunities, to tie the requirement to one (optional). */
function OpportunityOptions({
  customerId,
  value,
  onChange,
  initialName,
  size,
}: {
  customerId: string | undefined;
  value: string | null;
  onChange: (id: string | null) => void;
  initialName: string | null;
  size: 'large' | 'middle';
}) {
  const { t } = useTranslation();
  const found = useOpportunities({ customerId, stageKind: 'open', sort: '-createdAt' }, { enabled: !!customerId });
  const items = flattenPages(found.data);
  const options = items.map((o) => ({ value: o.id, label: o.name }));
  if (value && initialName && !options.some((o) => o.value === value)) options.unshift({ value, label: initialName });
  return (
    <Select<string>
      allowClear
      size={size}
      value={value ?? undefined}
      onChange={(id) => onChange(id ?? null)}
      options={options}
      loading={found.isFetching}
      disabled={!customerId}
      placeholder={t('requirements.form.opportunityPlaceholder')}
      data-testid="requirement-opportunity"
    />
  );
}

/** New requirement, or the draft (or returned) one being changed. */
export function RequirementFormPage() {
  const { id } = useParams<{ id: string }>();
  const existing = useRequirement(id);
  if (!id) return <RequirementForm existing={null} />;
  if (existing.isError) return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;
  if (!existing.data) return <Spin style={{ display: 'block', padding: 48 }} />;
  // The requirement fills the form once: a later refetch must not overwrite what is being typed.
  return <RequirementForm key={existing.data.id} existing={existing.data} />;
}

function RequirementForm({ existing }: { existing: TRequirement | null }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const showError = useApiError();
  const [params] = useSearchParams();
  const create = useCreateRequirement();
  const update = useUpdateRequirement();
  const action = useRequirementAction();
  const size = isMobile ? 'large' : 'middle';

  const [header, setHeader] = useState<Header>(() => ({
    customerId: existing?.customerId ?? params.get('customerId') ?? undefined,
    customerName: existing?.customerName ?? null,
    opportunityId: existing?.opportunityId ?? params.get('opportunityId') ?? null,
    title: existing?.title ?? '',
    wantedDate: existing?.wantedDate ?? null,
    notes: existing?.notes ?? '',
  }));
  const [lines, setLines] = useState<EditorLine[]>(() => existing?.lines.map(fromRequirementLine) ?? []);
  const [files, setFiles] = useState<AttachmentFile[]>(() => (existing ? attachmentFiles(existing.id, existing.attachments) : []));
  const [tried, setTried] = useState(false);
  const uploading = files.some((f) => f.status === 'uploading');
  const saving = create.isPending || update.isPending || action.isPending;
  const setField = <K extends keyof Header>(key: K, value: Header[K]) => setHeader((h) => ({ ...h, [key]: value }));

  const save = async (thenSubmit: boolean) => {
    setTried(true);
    if (!header.customerId) return void message.warning(t('requirements.form.customerRequired'));
    if (!header.title.trim()) return void message.warning(t('requirements.form.titleRequired'));
    if (lines.some((l) => lineProblem(l) !== null)) return;
    if (thenSubmit && lines.length === 0) return void message.warning(t('requirements.form.noLines'));
    const body = {
      customerId: header.customerId,
      opportunityId: header.opportunityId,
      title: header.title.trim(),
      wantedDate: header.wantedDate,
      notes: header.notes.trim() || null,
      attachmentIds: attachmentIdsOf(files),
      lines: lines.map(toLineInput),
    };
    let saved: TRequirement;
    try {
      saved = existing
        ? await update.mutateAsync({ id: existing.id, body: { ...body, version: existing.version } })
        : await create.mutateAsync(body);
    } catch (e) {
      showError(e);
      return;
    }
    if (thenSubmit) {
      try {
        await action.mutateAsync({ id: saved.id, action: { kind: 'submit', version: saved.version } });
        void message.success(t('requirements.form.submitted'));
      } catch (e) {
        showError(e);
      }
    } else {
      void message.success(t('requirements.form.saved'));
    }
    void navigate(`/requirements/${encodeURIComponent(saved.id)}`);
  };

  const confirmSubmit = () => modal.confirm({ content: t('requirements.actions.submitConfirm'), onOk: () => save(true) });

  const headerCard = (
    <Card size="small" title={t('requirements.detail.info')} style={{ marginBottom: 12 }}>
      <Form layout="vertical" component="div" size={size}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('requirements.form.customer')} required>
              <div data-testid="requirement-customer">
                <CustomerSelect
                  value={header.customerId}
                  initialName={header.customerName}
                  placeholder={t('requirements.form.customerPlaceholder')}
                  onChange={(customerId) => setHeader((h) => ({ ...h, customerId, opportunityId: null }))}
                />
              </div>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('requirements.form.opportunity')}>
              <OpportunityOptions
                customerId={header.customerId}
                value={header.opportunityId}
                onChange={(v) => setField('opportunityId', v)}
                initialName={existing?.opportunityName ?? null}
                size={size}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t('requirements.form.title')} required>
              <Input
                value={header.title}
                onChange={(e) => setField('title', e.target.value)}
                placeholder={t('requirements.form.titlePlaceholder')}
                maxLength={200}
                status={tried && !header.title.trim() ? 'error' : undefined}
                data-testid="requirement-title"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('requirements.form.wantedDate')}>
              <DatePicker
                value={header.wantedDate ? dayjs(header.wantedDate) : null}
                onChange={(d) => setField('wantedDate', d ? d.format('YYYY-MM-DD') : null)}
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                inputReadOnly={isMobile}
                style={{ width: '100%' }}
                data-testid="requirement-wanted-date"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('requirements.form.notes')} style={{ marginBottom: 0 }}>
              <Input.TextArea
                value={header.notes}
                onChange={(e) => setField('notes', e.target.value)}
                placeholder={t('requirements.form.notesPlaceholder')}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={4000}
                data-testid="requirement-notes"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );

  const linesCard = (
    <Card size="small" title={t('requirements.form.lines')} style={{ marginBottom: 12 }} styles={{ body: { padding: isMobile ? 8 : 12 } }}>
      <Flex vertical={isMobile} gap={8} style={{ marginBottom: 12 }}>
        <div style={isMobile ? undefined : { flex: '1 1 260px', minWidth: 0 }}>
          <ProductPicker
            value={[]}
            onChange={(_ids, products) => setLines((ls) => [...ls, ...products.map(lineOfProduct)])}
            placeholder={`${t('requirements.form.addProduct')}：${t('requirements.form.productPickerPlaceholder')}`}
            data-testid="requirement-add-product"
          />
        </div>
        <Button
          size={size}
          icon={<PlusOutlined />}
          onClick={() => setLines((ls) => [...ls, freeLine()])}
          block={isMobile}
          data-testid="requirement-add-free"
        >
          {t('requirements.form.addFree')}
        </Button>
      </Flex>
      <RequirementLinesEditor lines={lines} onChange={setLines} isMobile={isMobile} showProblems={tried} />
    </Card>
  );

  const attachmentsCard = (
    <Card size="small" title={t('requirements.form.attachments')} style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
        {t('requirements.form.attachmentsHint')}
      </Typography.Text>
      <RequirementAttachmentsInput files={files} onChange={setFiles} />
    </Card>
  );

  const buttons = (
    <Flex gap={8} justify="flex-end" className={isMobile ? 'requirement-form-bar' : undefined}>
      {!isMobile ? (
        <Button onClick={() => void navigate(existing ? `/requirements/${encodeURIComponent(existing.id)}` : '/requirements')}>
          {t('common.cancel')}
        </Button>
      ) : null}
      <Button
        size={size}
        onClick={() => void save(false)}
        loading={saving}
        disabled={uploading}
        style={isMobile ? { flex: 1 } : undefined}
        data-testid="requirement-save"
      >
        {uploading ? t('requirements.form.uploading') : t('requirements.form.save')}
      </Button>
      <Button
        size={size}
        type="primary"
        onClick={confirmSubmit}
        loading={saving}
        disabled={uploading}
        style={isMobile ? { flex: 1.4 } : undefined}
        data-testid="requirement-save-submit"
      >
        {t('requirements.form.saveAndSubmit')}
      </Button>
    </Flex>
  );

  return (
    <PageContainer title={existing ? `${t('requirements.editTitle')} ${existing.number ?? ''}` : t('requirements.newTitle')}>
      <div data-testid="requirement-form" style={isMobile ? { paddingBottom: 72 } : undefined}>
        {headerCard}
        {linesCard}
        {attachmentsCard}
        {buttons}
      </div>
    </PageContainer>
  );
}
