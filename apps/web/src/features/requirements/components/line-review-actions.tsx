import { useMemo, useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { CheckOutlined, CodeOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TProduct, TRequirement, TRequirementLine, TRequirementLineReviewRequest } from '@crm/contracts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { currentLanguage } from '../../../shared/i18n/i18n.ts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useProductCategories, useProductSearch } from '../../products/api/products.queries.ts';
import { useRefreshRequirement, useReviewLine } from '../api/requirements.queries.ts';

type Mode = 'standard' | 'non_standard' | 'new_code';

/** One catalogue product, searched by code, name or model. */
function ProductSelect({ value, onChange, initial }: { value?: string; onChange?: (id: string) => void; initial: TProduct | null }) {
  const [q, setQ] = useState('');
  const search = useProductSearch(useDebouncedValue(q, 250));
  const options = useMemo(() => {
    const map = new Map<string, string>();
    if (initial) map.set(initial.id, `${initial.materialCode} ${initial.name}`);
    for (const p of search.data?.items ?? []) map.set(p.id, `${p.materialCode} ${p.name}${p.model ? ` · ${p.model}` : ''}`);
    return [...map].map(([id, label]) => ({ value: id, label }));
  }, [search.data, initial]);
  return (
    <Select<string>
      value={value}
      onChange={(id) => onChange?.(id)}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      options={options}
      loading={search.isFetching}
      style={{ width: '100%' }}
      data-testid="review-product"
    />
  );
}

type NewCodeValues = {
  materialCode: string;
  name: string;
  spec?: string;
  unit: string;
  categoryId: string;
  listPrice?: string | null;
  standardCost?: string | null;
  leadTimeDays?: number | null;
  note?: string;
};

/**
 * The product manager's buttons on one line: confirm a standard product, mark it non-standard,
 * or enter the new material code (a drawer with the new product's data). Once the requirement is
 * approved, only a non-standard line gets its code.
 */
export function LineReviewActions({ requirement, line }: { requirement: TRequirement; line: TRequirementLine }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const refresh = useRefreshRequirement();
  const reviewLine = useReviewLine();
  const categories = useProductCategories();
  const [mode, setMode] = useState<Mode | null>(null);
  const [form] = Form.useForm();
  const size = isMobile ? 'large' : 'middle';
  const lateCode = requirement.status === 'approved';
  const en = currentLanguage() === 'en-US';

  const send = async (body: TRequirementLineReviewRequest) => {
    try {
      await reviewLine.mutateAsync({ id: requirement.id, lineId: line.id, body });
      void message.success(t('requirements.review.done'));
      setMode(null);
    } catch (e) {
      showError(e, { form, onStale: () => void refresh(requirement.id) });
    }
  };

  const finish = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    const note = typeof values.note === 'string' && values.note.trim() ? values.note.trim() : null;
    const version = requirement.version;
    if (mode === 'standard') await send({ decision: 'standard', version, productId: values.productId as string, note });
    else if (mode === 'non_standard')
      await send({ decision: 'non_standard', version, note: note ?? t('requirements.review.nonStandardDefault') });
    else if (mode === 'new_code') {
      const v = values as NewCodeValues;
      await send({
        decision: 'new_code',
        version,
        note,
        product: {
          materialCode: v.materialCode.trim(),
          name: v.name.trim(),
          spec: v.spec?.trim() || null,
          unit: v.unit.trim(),
          categoryId: v.categoryId,
          ...(v.listPrice ? { listPrice: v.listPrice } : {}),
          ...(v.standardCost ? { standardCost: v.standardCost } : {}),
          ...(v.leadTimeDays !== null && v.leadTimeDays !== undefined ? { leadTimeDays: v.leadTimeDays } : {}),
        },
      });
    }
  };

  const open = (next: Mode) => {
    form.resetFields();
    if (next === 'standard') form.setFieldsValue({ productId: line.productId ?? line.requested.productId ?? undefined });
    if (next === 'non_standard') form.setFieldsValue({ note: t('requirements.review.nonStandardDefault') });
    if (next === 'new_code') {
      const own = line.requested.productId === null;
      form.setFieldsValue({
        name: own ? line.requested.name : line.name,
        spec: (own ? line.requested.spec : line.spec) ?? '',
        unit: (own ? line.requested.unit : line.unit) ?? '',
      });
    }
    setMode(next);
  };

  const initialProduct: TProduct | null =
    line.productId && line.materialCode ? ({ id: line.productId, materialCode: line.materialCode, name: line.name } as TProduct) : null;
  const titles: Record<Mode, string> = {
    standard: t('requirements.review.confirmStandard'),
    non_standard: t('requirements.review.nonStandardTitle'),
    new_code: t('requirements.review.newCodeTitle'),
  };

  return (
    <>
      <Flex gap={8} wrap data-testid="line-review-actions">
        {!lateCode ? (
          <>
            <Button size={size} icon={<CheckOutlined />} onClick={() => open('standard')} data-testid="review-standard">
              {t('requirements.review.standard')}
            </Button>
            <Button size={size} icon={<ExclamationCircleOutlined />} onClick={() => open('non_standard')} data-testid="review-non-standard">
              {t('requirements.review.nonStandard')}
            </Button>
          </>
        ) : null}
        <Button size={size} icon={<CodeOutlined />} onClick={() => open('new_code')} data-testid="review-new-code">
          {t('requirements.review.newCode')}
        </Button>
      </Flex>
      <ResponsiveDrawer
        open={mode !== null}
        title={mode ? `${titles[mode]} · #${line.position}` : ''}
        onClose={() => setMode(null)}
        width={520}
        footer={
          <Flex gap={8} justify="flex-end">
            <Button size={size} onClick={() => setMode(null)} style={isMobile ? { flex: 1 } : undefined}>
              {t('common.cancel')}
            </Button>
            <Button
              size={size}
              type="primary"
              loading={reviewLine.isPending}
              onClick={() => void finish().catch(() => undefined)}
              style={isMobile ? { flex: 1.4 } : undefined}
              data-testid="review-confirm"
            >
              {mode === 'new_code' ? t('requirements.review.create') : t('common.ok')}
            </Button>
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {line.materialCode ? `${line.materialCode} · ` : ''}
          {line.name} · {line.qty} {line.unit ?? ''}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" size={size} requiredMark={false} data-testid="review-form">
          {mode === 'standard' ? (
            <Form.Item name="productId" label={t('requirements.review.pickProduct')} rules={[{ required: true }]}>
              <ProductSelect initial={initialProduct} />
            </Form.Item>
          ) : null}
          {mode === 'new_code' ? (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('requirements.review.newCodeHint')}
              </Typography.Paragraph>
              <Form.Item
                name="materialCode"
                label={t('requirements.review.materialCode')}
                rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]{2,39}$/ }]}
              >
                <Input maxLength={40} style={{ textTransform: 'uppercase' }} data-testid="new-code-material-code" />
              </Form.Item>
              <Form.Item name="name" label={t('requirements.review.productName')} rules={[{ required: true, whitespace: true, max: 120 }]}>
                <Input maxLength={120} data-testid="new-code-name" />
              </Form.Item>
              <Form.Item name="spec" label={t('requirements.review.spec')} rules={[{ max: 120 }]}>
                <Input maxLength={120} data-testid="new-code-spec" />
              </Form.Item>
              <Flex gap={12}>
                <Form.Item
                  name="unit"
                  label={t('requirements.review.unit')}
                  rules={[{ required: true, whitespace: true, max: 10 }]}
                  style={{ flex: 1 }}
                >
                  <Input maxLength={10} data-testid="new-code-unit" />
                </Form.Item>
                <Form.Item name="categoryId" label={t('requirements.review.category')} rules={[{ required: true }]} style={{ flex: 2 }}>
                  <Select
                    loading={categories.isLoading}
                    options={(categories.data ?? [])
                      .filter((c) => c.isActive)
                      .map((c) => ({ value: c.id, label: en && c.nameEn ? c.nameEn : c.name }))}
                    data-testid="new-code-category"
                  />
                </Form.Item>
              </Flex>
              <Flex gap={12} wrap>
                <Form.Item name="listPrice" label={t('requirements.review.listPrice')} style={{ flex: '1 1 140px' }}>
                  <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} data-testid="new-code-list-price" />
                </Form.Item>
                <Form.Item name="standardCost" label={t('requirements.review.standardCost')} style={{ flex: '1 1 140px' }}>
                  <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} data-testid="new-code-standard-cost" />
                </Form.Item>
                <Form.Item name="leadTimeDays" label={t('requirements.review.leadTimeDays')} style={{ flex: '1 1 140px' }}>
                  <InputNumber<number> min={0} max={730} precision={0} style={{ width: '100%' }} data-testid="new-code-lead-time" />
                </Form.Item>
              </Flex>
            </>
          ) : null}
          <Form.Item
            name="note"
            label={t('requirements.review.note')}
            rules={mode === 'non_standard' ? [{ required: true, whitespace: true }] : []}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} data-testid="review-note" />
          </Form.Item>
        </Form>
      </ResponsiveDrawer>
    </>
  );
}
