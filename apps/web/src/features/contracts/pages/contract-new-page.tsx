import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ZContractTypeValues, type TContractCreate, type TContractSource, type TContractType, type TOpportunity } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { CustomerSelect } from '../../opportunities/components/customer-select.tsx';
import { opportunitiesQueryKeys, useOpportunities } from '../../opportunities/api/opportunities.queries.ts';
import { useQuote, useQuotes } from '../../quotes/api/quotes.queries.ts';
import { formatMoney } from '../components/contract-format.ts';
import { useCreateContract } from '../api/contracts.queries.ts';

type SourceKind = TContractSource['kind'];
const KINDS: SourceKind[] = ['blank', 'quote', 'opportunity', 'requirement'];
const isKind = (v: string | null): v is SourceKind => !!v && (KINDS as string[]).includes(v);

/** Accepted quotes the user may see, searchable. */
function QuoteSelect({ value, onChange }: { value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useQuotes({ q: useDebouncedValue(q, 250), statuses: ['accepted'], sort: '-updatedAt' }, { limit: 20 });
  const chosen = useQuote(value);
  const items = flattenPages(search.data);
  const options = new Map<string, string>();
  if (chosen.data)
    options.set(
      chosen.data.id,
      `${chosen.data.number} · ${chosen.data.customerName ?? ''} · ${formatMoney(chosen.data.totals.totalInclTax, chosen.data.currency)}`,
    );
  for (const x of items) options.set(x.id, `${x.number} · ${x.customerName ?? ''} · ${formatMoney(x.totalInclTax, x.currency)}`);
  return (
    <Select<string>
      value={value}
      placeholder={t('contracts.new.pickQuote')}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      loading={search.isFetching}
      onChange={onChange}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      notFoundContent={t('contracts.new.noAcceptedQuotes')}
      style={{ width: '100%' }}
      data-testid="contract-source-quote"
    />
  );
}

/** Opportunities the user may see (open or won), searchable. */
function OpportunitySelect({ value, onChange }: { value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useOpportunities({ q: useDebouncedValue(q, 250), sort: '-createdAt' });
  const chosen = useQuery({
    queryKey: opportunitiesQueryKeys.detail(value ?? ''),
    queryFn: ({ signal }) => api.get<TOpportunity>(`/opportunities/${encodeURIComponent(value!)}`, undefined, { signal }),
    enabled: !!value,
  });
  const items = flattenPages(search.data);
  const options = new Map<string, string>();
  if (value && chosen.data) options.set(chosen.data.id, `${chosen.data.name} · ${chosen.data.customerName ?? ''}`);
  for (const o of items) if (o.stageKind !== 'lost') options.set(o.id, `${o.name} · ${o.customerName ?? ''}`);
  return (
    <Select<string>
      value={value}
      placeholder={t('contracts.new.pickOpportunity')}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      loading={search.isFetching}
      onChange={onChange}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      style={{ width: '100%' }}
      data-testid="contract-source-opportunity"
    />
  );
}

/**
 * 新建合同: from scratch for a customer, or from an accepted quote, an opportunity or a requirement
 * (whose customer, opportunity and lines it takes). Opened from those pages with ?from=…&id=….
 */
export function ContractNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const create = useCreateContract();
  const [params] = useSearchParams();
  const from = params.get('from');
  const fromId = params.get('id') ?? undefined;
  const [kind, setKind] = useState<SourceKind>(isKind(from) && fromId ? from : 'blank');
  const [customerId, setCustomerId] = useState<string | undefined>(params.get('customerId') ?? undefined);
  const [quoteId, setQuoteId] = useState<string | undefined>(from === 'quote' ? fromId : undefined);
  const [opportunityId, setOpportunityId] = useState<string | undefined>(from === 'opportunity' ? fromId : undefined);
  const requirementId = from === 'requirement' ? fromId : undefined;
  const [title, setTitle] = useState('');
  const [type, setType] = useState<TContractType>('standard');
  const [currency, setCurrency] = useState('CNY');
  const [missing, setMissing] = useState(false);

  const source: TContractSource | null =
    kind === 'blank'
      ? { kind }
      : kind === 'quote'
        ? quoteId
          ? { kind, quoteId }
          : null
        : kind === 'opportunity'
          ? opportunityId
            ? { kind, opportunityId }
            : null
          : requirementId
            ? { kind, requirementId }
            : null;

  const submit = () => {
    if (!source || (kind === 'blank' && !customerId)) {
      setMissing(true);
      return;
    }
    const body: TContractCreate = {
      source,
      ...(kind === 'blank' ? { customerId } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
      type,
      currency,
    };
    create.mutate(body, {
      onSuccess: (saved) => void navigate(`/contracts/${encodeURIComponent(saved.id)}?edit=1&tab=lines`, { replace: true }),
      onError: (e) => showError(e),
    });
  };

  const kindOptions = KINDS.filter((k) => k !== 'requirement' || requirementId).map((k) => ({
    value: k,
    label: t(`contracts.new.source.${k}`),
  }));

  return (
    <PageContainer title={t('contracts.new.title')}>
      <Card style={{ maxWidth: 880 }}>
        <Form layout="vertical" component="div">
          <Form.Item label={t('contracts.new.sourceLabel')}>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as SourceKind);
                setMissing(false);
              }}
              options={kindOptions}
              optionType="button"
              buttonStyle="solid"
              style={isMobile ? { display: 'flex', flexWrap: 'wrap' } : undefined}
              data-testid="contract-source-kind"
            />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {t(`contracts.new.sourceHint.${kind}`)}
          </Typography.Paragraph>
          {kind === 'blank' ? (
            <Form.Item
              label={t('contracts.fields.customer')}
              required
              validateStatus={missing && !customerId ? 'error' : undefined}
              help={missing && !customerId ? t('contracts.new.customerRequired') : undefined}
            >
              <div data-testid="contract-customer">
                <CustomerSelect value={customerId} onChange={setCustomerId} placeholder={t('contracts.new.pickCustomer')} />
              </div>
            </Form.Item>
          ) : kind === 'quote' ? (
            <Form.Item
              label={t('contracts.fields.quote')}
              required
              validateStatus={missing && !quoteId ? 'error' : undefined}
              help={missing && !quoteId ? t('validation.required') : undefined}
            >
              <QuoteSelect value={quoteId} onChange={setQuoteId} />
            </Form.Item>
          ) : kind === 'opportunity' ? (
            <Form.Item
              label={t('contracts.fields.opportunity')}
              required
              validateStatus={missing && !opportunityId ? 'error' : undefined}
              help={missing && !opportunityId ? t('validation.required') : undefined}
            >
              <OpportunitySelect value={opportunityId} onChange={setOpportunityId} />
            </Form.Item>
          ) : (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('contracts.new.fromRequirement')} />
          )}
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('contracts.fields.title')} extra={t('contracts.new.titleHint')}>
                <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} data-testid="contract-new-title" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('contracts.fields.type')}>
                <Select<TContractType>
                  value={type}
                  onChange={setType}
                  options={ZContractTypeValues.map((v) => ({ value: v, label: t(`contracts.type.${v}`) }))}
                  data-testid="contract-new-type"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('contracts.fields.currency')}>
                <Select
                  value={currency}
                  onChange={setCurrency}
                  options={['CNY', 'USD', 'EUR', 'HKD'].map((c) => ({ value: c, label: c }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={submit} loading={create.isPending} data-testid="contract-new-submit">
              {t('contracts.new.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </PageContainer>
  );
}
