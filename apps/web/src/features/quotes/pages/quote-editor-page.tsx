import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TProduct, TQuote, TQuotePreviewRequest } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { isApiError } from '../../../shared/api/api-client.ts';
import { useOpportunities, useOpportunity } from '../../opportunities/api/opportunities.queries.ts';
import { ProductPicker } from '../../products/components/product-picker.tsx';
import { useCreateQuote, useQuote, useQuotePreview, useUpdateQuote } from '../api/quotes.queries.ts';
import { QuoteApprovalAlert } from '../components/quote-approval-alert.tsx';
import { fromQuoteLine, newLineKey, QuoteLinesEditor, toLineInput, type EditorLine } from '../components/quote-lines-editor.tsx';
import { QuoteTotals } from '../components/quote-totals.tsx';
import { formatMoney } from '../components/quote-format.ts';

type Header = {
  title: string;
  currency: string;
  validUntil: string | null;
  overallDiscountPercent: string;
  paymentTerms: string;
  deliveryTerms: string;
  notes: string;
};

const EMPTY_HEADER: Header = {
  title: '',
  currency: 'CNY',
  validUntil: null,
  overallDiscountPercent: '',
  paymentTerms: '',
  deliveryTerms: '',
  notes: '',
};

function headerOf(q: TQuote): Header {
  return {
    title: q.title,
    currency: q.currency,
    validUntil: q.validUntil,
    overallDiscountPercent: q.totals.overallDiscountPercent === '0' ? '' : q.totals.overallDiscountPercent,
    paymentTerms: q.paymentTerms ?? '',
    deliveryTerms: q.deliveryTerms ?? '',
    notes: q.notes ?? '',
  };
}

const lineOfProduct = (p: TProduct): EditorLine => ({
  key: newLineKey(),
  productId: p.id,
  materialCode: p.materialCode,
  name: p.name,
  spec: p.model,
  unit: p.unit,
  qty: '1',
  unitPrice: '',
  discountPercent: '',
  taxRate: '',
});

/** Opportunities the user may quote for (open ones, searchable). */
function OpportunitySelect({ value, onChange }: { value: string | undefined; onChange: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useOpportunities({ q: useDebouncedValue(q, 250), stageKind: 'open', sort: '-createdAt' });
  const items = flattenPages(search.data);
  return (
    <Select
      value={value}
      placeholder={t('quotes.editor.pickOpportunityPlaceholder')}
      filterOption={false}
      showSearch={{ onSearch: setQ, searchValue: q }}
      loading={search.isFetching}
      onChange={(id: string) => onChange(id, items.find((o) => o.id === id)?.name ?? '')}
      options={items.map((o) => ({ value: o.id, label: `${o.name} · ${o.customerName ?? ''}` }))}
      style={{ width: '100%' }}
      data-testid="quote-opportunity"
    />
  );
}

/** Adds the opportunity's product lines (quantities as planned, prices from the price list). */
function OpportunityLinesButton({ opportunityId, onAdd }: { opportunityId: string; onAdd: (lines: EditorLine[]) => void }) {
  const { t } = useTranslation();
  const opportunity = useOpportunity(opportunityId);
  const lines = opportunity.data?.lines ?? [];
  if (lines.length === 0) return null;
  return (
    <Button
      onClick={() =>
        onAdd(
          lines.map((l) => ({
            key: newLineKey(),
            productId: l.productId,
            materialCode: l.materialCode,
            name: l.productName,
            spec: null,
            unit: null,
            qty: l.quantity,
            unitPrice: '',
            discountPercent: '',
            taxRate: '',
          })),
        )
      }
    >
      {t('quotes.lines.fromOpportunity')}
    </Button>
  );
}

/** New quote (from an opportunity) or the draft of an existing one: lines, discounts, live totals and approval flags. */
export function QuoteEditorPage() {
  const { id } = useParams<{ id: string }>();
  const existing = useQuote(id);
  if (!id) return <QuoteEditor existing={null} />;
  if (existing.isError) return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;
  if (!existing.data) return <Spin style={{ display: 'block', padding: 48 }} />;
  // The draft fills the editor once: a later refetch must not overwrite what is being typed.
  return <QuoteEditor key={existing.data.id} existing={existing.data} />;
}

function QuoteEditor({ existing }: { existing: TQuote | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const showError = useApiError();
  const [params] = useSearchParams();
  const id = existing?.id;
  const create = useCreateQuote();
  const update = useUpdateQuote();

  const [opportunityId, setOpportunityId] = useState<string | undefined>(params.get('opportunityId') ?? undefined);
  const [header, setHeader] = useState<Header>(() => (existing ? headerOf(existing) : EMPTY_HEADER));
  const [lines, setLines] = useState<EditorLine[]>(() => (existing ? existing.lines.map(fromQuoteLine) : []));
  const loadedVersion = existing?.version ?? null;

  const previewRequest = useMemo<TQuotePreviewRequest | null>(() => {
    if (!id && !opportunityId) return null;
    return {
      ...(id ? { quoteId: id } : { opportunityId }),
      overallDiscountPercent: header.overallDiscountPercent || '0',
      // Incomplete lines are priced as far as they go: no name yet, no quantity yet.
      lines: lines.map((l) => ({ ...toLineInput(l), ...(l.productId ? {} : { name: l.name.trim() || '—' }) })),
    };
  }, [id, opportunityId, header.overallDiscountPercent, lines]);
  const preview = useQuotePreview(useDebouncedValue(previewRequest, 300));
  const previewLines = preview.data && preview.data.lines.length === lines.length ? preview.data.lines : undefined;
  const currency = header.currency;

  const saving = create.isPending || update.isPending;
  const save = () => {
    if (!id && !opportunityId) {
      void message.warning(t('quotes.editor.opportunityRequired'));
      return;
    }
    const body = {
      ...(header.title.trim() ? { title: header.title.trim() } : {}),
      currency: header.currency,
      ...(header.validUntil ? { validUntil: header.validUntil } : {}),
      overallDiscountPercent: header.overallDiscountPercent || '0',
      paymentTerms: header.paymentTerms.trim() || null,
      deliveryTerms: header.deliveryTerms.trim() || null,
      notes: header.notes.trim() || null,
      lines: lines.map(toLineInput),
    };
    const done = (saved: TQuote) => {
      void message.success(t('quotes.editor.saved'));
      void navigate(`/quotes/${encodeURIComponent(saved.id)}`);
    };
    if (id) update.mutate({ id, body: { ...body, version: loadedVersion! } }, { onSuccess: done, onError: (e) => showError(e) });
    else create.mutate({ opportunityId: opportunityId!, ...body }, { onSuccess: done, onError: (e) => showError(e) });
  };

  const setField = <K extends keyof Header>(key: K, value: Header[K]) => setHeader((h) => ({ ...h, [key]: value }));
  const previewProblem = preview.isError && isApiError(preview.error) ? preview.error.problem : null;

  const headerCard = (
    <Card size="small" title={t('quotes.detail.info')} style={{ marginBottom: 16 }}>
      <Form layout="vertical" component="div">
        <Row gutter={12}>
          {!id ? (
            <Col xs={24} md={12}>
              <Form.Item label={t('quotes.editor.pickOpportunity')} required>
                <OpportunitySelect
                  value={opportunityId}
                  onChange={(oid, name) => {
                    setOpportunityId(oid);
                    if (!header.title) setField('title', name);
                  }}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={id ? 12 : 12}>
            <Form.Item label={t('quotes.quoteTitle')}>
              <Input value={header.title} onChange={(e) => setField('title', e.target.value)} maxLength={200} data-testid="quote-title" />
            </Form.Item>
          </Col>
          <Col xs={12} md={id ? 4 : 4}>
            <Form.Item label={t('quotes.currency')}>
              <Select
                value={header.currency}
                onChange={(v: string) => setField('currency', v)}
                options={['CNY', 'USD', 'EUR', 'HKD'].map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('quotes.validUntil')}>
              <DatePicker
                value={header.validUntil ? dayjs(header.validUntil) : null}
                onChange={(d) => setField('validUntil', d ? d.format('YYYY-MM-DD') : null)}
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label={t('quotes.totals.overallDiscount')}>
              <InputNumber<string>
                stringMode
                min="0"
                max="100"
                value={header.overallDiscountPercent === '' ? null : header.overallDiscountPercent}
                onChange={(v) => setField('overallDiscountPercent', v ?? '')}
                suffix="%"
                placeholder="0"
                style={{ width: '100%' }}
                data-testid="quote-overall-discount"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );

  const termsCard = (
    <Card size="small" title={t('quotes.detail.terms')} style={{ marginBottom: 16 }}>
      <Form layout="vertical" component="div">
        <Form.Item label={t('quotes.paymentTerms')}>
          <Input.TextArea
            value={header.paymentTerms}
            onChange={(e) => setField('paymentTerms', e.target.value)}
            autoSize={{ minRows: 2 }}
            maxLength={2000}
          />
        </Form.Item>
        <Form.Item label={t('quotes.deliveryTerms')}>
          <Input.TextArea
            value={header.deliveryTerms}
            onChange={(e) => setField('deliveryTerms', e.target.value)}
            autoSize={{ minRows: 2 }}
            maxLength={2000}
          />
        </Form.Item>
        <Form.Item label={t('quotes.notes')} style={{ marginBottom: 0 }}>
          <Input.TextArea
            value={header.notes}
            onChange={(e) => setField('notes', e.target.value)}
            autoSize={{ minRows: 2 }}
            maxLength={2000}
          />
        </Form.Item>
      </Form>
    </Card>
  );

  const linesCard = (
    <Card size="small" title={t('quotes.lines.title')} style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 8 : 12 } }}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <ProductPicker
            value={[]}
            onChange={(_ids, products) => setLines((ls) => [...ls, ...products.map(lineOfProduct)])}
            placeholder={t('quotes.lines.addPlaceholder')}
            data-testid="quote-add-product"
          />
        </div>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setLines((ls) => [
              ...ls,
              {
                key: newLineKey(),
                productId: null,
                materialCode: null,
                name: '',
                spec: null,
                unit: null,
                qty: '1',
                unitPrice: '',
                discountPercent: '',
                taxRate: '',
              },
            ])
          }
          data-testid="quote-add-free-line"
        >
          {t('quotes.lines.addFreeText')}
        </Button>
        {!id && opportunityId && lines.length === 0 ? (
          <OpportunityLinesButton opportunityId={opportunityId} onAdd={(added) => setLines((ls) => [...ls, ...added])} />
        ) : null}
      </Flex>
      <QuoteLinesEditor lines={lines} onChange={setLines} priced={previewLines} currency={currency} isMobile={isMobile} />
      {preview.data && lines.length > 0 ? (
        <Flex justify="flex-end" gap={16} wrap style={{ marginTop: 8, paddingInline: 8 }}>
          {Number(preview.data.totals.overallDiscountPercent) > 0 ? (
            <Typography.Text type="secondary">
              {t('quotes.totals.overallDiscountAmount')} -{formatMoney(preview.data.totals.overallDiscountAmount, currency)}
            </Typography.Text>
          ) : null}
          <Typography.Text strong>
            {t('quotes.totals.totalInclTax')} {formatMoney(preview.data.totals.totalInclTax, currency)}
          </Typography.Text>
        </Flex>
      ) : null}
      {previewProblem ? (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }} data-testid="quote-preview-problem">
          {previewProblem.title}
          {previewProblem.errors?.length ? `: ${previewProblem.errors.map((e) => e.message).join('; ')}` : ''}
        </Typography.Text>
      ) : null}
    </Card>
  );

  const summary = (
    <Card size="small" title={t('quotes.totals.title')} style={{ marginBottom: 16 }}>
      <QuoteApprovalAlert approval={preview.data?.approval} />
      <QuoteTotals totals={preview.data?.totals} currency={currency} loading={preview.isFetching} />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }} wrap>
        <Button onClick={() => (id ? void navigate(`/quotes/${encodeURIComponent(id)}`) : void navigate(-1))}>{t('common.cancel')}</Button>
        <Button type="primary" onClick={save} loading={saving} data-testid="quote-save">
          {t('quotes.actions.save')}
        </Button>
      </Space>
    </Card>
  );

  return (
    <PageContainer title={id ? t('quotes.editTitle', { number: existing?.number ?? '' }) : t('quotes.newTitle')}>
      {isMobile ? (
        <>
          {headerCard}
          {linesCard}
          {summary}
          {termsCard}
        </>
      ) : (
        <>
          <Row gutter={16} align="top">
            <Col xs={24} xl={16}>
              {headerCard}
            </Col>
            <Col xs={24} xl={8}>
              {summary}
            </Col>
          </Row>
          {linesCard}
          {termsCard}
        </>
      )}
    </PageContainer>
  );
}
