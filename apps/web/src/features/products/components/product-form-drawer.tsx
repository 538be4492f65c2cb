import { useEffect } from 'react';
import { App, AutoComplete, Button, Col, Descriptions, Divider, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_LEAD_TIME_DAYS,
  DEFAULT_TAX_RATE,
  DEFAULT_WARRANTY_MONTHS,
  Permission,
  ZMaterialCode,
  ZPrice,
  ZProductStatusValues,
  type TCreateProduct,
  type TProduct,
  type TProductStatus,
} from '@crm/contracts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useProductCategories, useCreateProduct, useUpdateProduct } from '../api/products.queries.ts';
import { formatTaxRate, formatYuan, useProductFieldAccess } from './product-format.ts';
import { ProductPriceLists } from './product-price-lists.tsx';
import { ProductStatusTag } from './product-tags.tsx';

export type ProductDrawerState = { mode: 'create' } | { mode: 'edit'; product: TProduct } | null;

interface FormValues {
  materialCode: string;
  name: string;
  model?: string | null;
  unit: string;
  categoryId: string;
  listPrice: string;
  floorPrice?: string | null;
  standardCost?: string | null;
  taxRate: string;
  warrantyMonths: number;
  leadTimeDays: number;
  status: TProductStatus;
}

const UNITS = ['只', '台', '面', '套', '个', '组', '米'];
const TAX_RATES = ['0.13', '0.09', '0.06', '0'];
const moneyText = (value: string | null | undefined) => (value ?? '').replace(/[,，\s¥￥]/g, '');
const decimalLess = (a: string, b: string) => {
  // Compares two non-negative decimal strings without floats: pad the fractions and compare as text.
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const width = Math.max(ai.length, bi.length);
  const fw = Math.max(af.length, bf.length);
  return `${ai.padStart(width, '0')}${af.padEnd(fw, '0')}` < `${bi.padStart(width, '0')}${bf.padEnd(fw, '0')}`;
};

function valuesOf(p: TProduct): FormValues {
  return {
    materialCode: p.materialCode,
    name: p.name,
    model: p.model,
    unit: p.unit,
    categoryId: p.categoryId,
    listPrice: p.listPrice,
    floorPrice: p.floorPrice ?? null,
    standardCost: p.standardCost ?? null,
    taxRate: p.taxRate,
    warrantyMonths: p.warrantyMonths,
    leadTimeDays: p.leadTimeDays,
    status: p.status,
  };
}

/** Read-only view of a product for readers without `product:write`. */
function ProductView({ product }: { product: TProduct }) {
  const { t } = useTranslation();
  const access = useProductFieldAccess();
  return (
    <>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
        <Descriptions.Item label={t('products.materialCode')}>
          <Typography.Text copyable>{product.materialCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('products.name')}>{product.name}</Descriptions.Item>
        <Descriptions.Item label={t('products.model')}>{product.model ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('products.category')}>{product.categoryName}</Descriptions.Item>
        <Descriptions.Item label={t('products.unit')}>{product.unit}</Descriptions.Item>
        <Descriptions.Item label={t('products.listPrice')}>{formatYuan(product.listPrice)}</Descriptions.Item>
        {access.floorPrice ? (
          <Descriptions.Item label={t('products.floorPrice')}>{formatYuan(product.floorPrice)}</Descriptions.Item>
        ) : null}
        {access.cost ? <Descriptions.Item label={t('products.standardCost')}>{formatYuan(product.standardCost)}</Descriptions.Item> : null}
        {access.margin ? (
          <Descriptions.Item label={t('products.margin')}>
            {product.listMarginPercent ? `${product.listMarginPercent}%` : '—'}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('products.taxRate')}>{formatTaxRate(product.taxRate)}</Descriptions.Item>
        <Descriptions.Item label={t('products.warrantyMonths')}>
          {t('products.monthsValue', { count: product.warrantyMonths })}
        </Descriptions.Item>
        <Descriptions.Item label={t('products.leadTimeDays')}>{t('products.daysValue', { count: product.leadTimeDays })}</Descriptions.Item>
        <Descriptions.Item label={t('products.status')}>
          <ProductStatusTag status={product.status} />
        </Descriptions.Item>
      </Descriptions>
      {!access.cost || !access.floorPrice ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('products.hiddenFields')}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

/** Create or edit a product (product managers, admins); everyone else sees it read-only. */
export function ProductFormDrawer({ state, onClose }: { state: ProductDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const canWrite = usePermission(Permission.productWrite);
  const canSeePriceLists = usePermission(Permission.priceListRead);
  const access = useProductFieldAccess();
  const categories = useProductCategories();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const editing = state?.mode === 'edit' ? state.product : null;
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (!state || !canWrite) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? valuesOf(editing)
        : { taxRate: DEFAULT_TAX_RATE, warrantyMonths: DEFAULT_WARRANTY_MONTHS, leadTimeDays: DEFAULT_LEAD_TIME_DAYS, status: 'active' },
    );
  }, [state, editing, form, canWrite]);

  const submit = (v: FormValues) => {
    const body: TCreateProduct = {
      materialCode: v.materialCode.trim().toUpperCase(),
      name: v.name.trim(),
      model: emptyToNull(v.model),
      unit: v.unit.trim(),
      categoryId: v.categoryId,
      listPrice: moneyText(v.listPrice),
      taxRate: v.taxRate,
      warrantyMonths: v.warrantyMonths,
      leadTimeDays: v.leadTimeDays,
      status: v.status,
      ...(access.floorPrice ? { floorPrice: emptyToNull(moneyText(v.floorPrice)) } : {}),
      ...(access.cost ? { standardCost: emptyToNull(moneyText(v.standardCost)) } : {}),
    };
    const done = (saved: string) => {
      void message.success(saved);
      onClose();
    };
    if (editing) {
      update.mutate(
        { id: editing.id, body: { ...body, version: editing.version } },
        { onSuccess: () => done(t('products.saved')), onError: (e) => showError(e, { form, onStale: onClose }) },
      );
    } else {
      create.mutate(body, { onSuccess: () => done(t('products.created')), onError: (e) => showError(e, { form }) });
    }
  };

  const categoryOptions = (categories.data ?? [])
    .filter((c) => c.isActive || c.id === editing?.categoryId)
    .map((c) => ({ value: c.id, label: c.name }));
  const priceRule = zodRule(ZPrice, () => t('products.form.priceInvalid'));
  const title = state?.mode === 'create' ? t('products.create') : canWrite ? t('products.edit') : editing?.name;

  return (
    <ResponsiveDrawer
      open={!!state}
      title={title}
      onClose={onClose}
      width={640}
      footer={
        canWrite ? (
          <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="product-submit">
              {t('common.save')}
            </Button>
          </Space>
        ) : undefined
      }
    >
      {!canWrite && editing ? (
        <ProductView product={editing} />
      ) : (
        <Form<FormValues> form={form} layout="vertical" onFinish={submit} disabled={saving} autoComplete="off" scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="materialCode"
                label={t('products.materialCode')}
                extra={t('products.form.materialCodeHint')}
                rules={[requiredRule(), zodRule(ZMaterialCode, () => t('products.form.materialCodeInvalid'))]}
              >
                <Input maxLength={40} data-testid="product-material-code" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="categoryId" label={t('products.category')} rules={[requiredRule()]}>
                <Select
                  options={categoryOptions}
                  loading={categories.isPending}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="product-category"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="name" label={t('products.name')} rules={[requiredRule(), { max: 120 }]}>
            <Input maxLength={120} data-testid="product-name" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={16}>
              <Form.Item name="model" label={t('products.model')} rules={[{ max: 120 }]}>
                <Input maxLength={120} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="unit" label={t('products.unit')} rules={[requiredRule(), { max: 10 }]}>
                <AutoComplete options={UNITS.map((u) => ({ value: u }))} maxLength={10} />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('products.form.pricing')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item
                name="listPrice"
                label={t('products.listPrice')}
                extra={t('products.listPriceHint')}
                normalize={(v?: string) => (v ? moneyText(v) : v)}
                rules={[requiredRule(), priceRule]}
              >
                <Input inputMode="decimal" prefix="¥" maxLength={20} data-testid="product-list-price" />
              </Form.Item>
            </Col>
            {access.floorPrice ? (
              <Col xs={24} sm={8}>
                <Form.Item
                  name="floorPrice"
                  label={t('products.floorPrice')}
                  extra={t('products.floorPriceHint')}
                  dependencies={['listPrice']}
                  normalize={(v?: string) => (v ? moneyText(v) : v)}
                  rules={[
                    priceRule,
                    ({ getFieldValue }) => ({
                      validator: async (_r, value?: string | null) => {
                        const list = moneyText(getFieldValue('listPrice') as string | undefined);
                        if (
                          value &&
                          list &&
                          ZPrice.safeParse(list).success &&
                          ZPrice.safeParse(value).success &&
                          decimalLess(list, value)
                        ) {
                          throw new Error(t('products.form.floorAboveList'));
                        }
                      },
                    }),
                  ]}
                >
                  <Input inputMode="decimal" prefix="¥" maxLength={20} />
                </Form.Item>
              </Col>
            ) : null}
            {access.cost ? (
              <Col xs={24} sm={8}>
                <Form.Item
                  name="standardCost"
                  label={t('products.standardCost')}
                  extra={t('products.standardCostHint')}
                  normalize={(v?: string) => (v ? moneyText(v) : v)}
                  rules={[priceRule]}
                >
                  <Input inputMode="decimal" prefix="¥" maxLength={20} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
          <Row gutter={16}>
            <Col xs={12} sm={8}>
              <Form.Item name="taxRate" label={t('products.taxRate')} rules={[requiredRule()]}>
                <Select
                  options={[...new Set([...TAX_RATES, ...(editing ? [editing.taxRate] : [])])].map((r) => ({
                    value: r,
                    label: formatTaxRate(r),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="status" label={t('products.status')} rules={[requiredRule()]}>
                <Select options={ZProductStatusValues.map((s) => ({ value: s, label: t(`products.statusValue.${s}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('products.form.supply')}
          </Divider>
          <Row gutter={16}>
            <Col xs={12} sm={8}>
              <Form.Item name="warrantyMonths" label={t('products.warrantyMonths')} rules={[requiredRule()]}>
                <InputNumber min={0} max={240} precision={0} suffix={t('products.monthsUnit')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="leadTimeDays" label={t('products.leadTimeDays')} rules={[requiredRule()]}>
                <InputNumber min={0} max={730} precision={0} suffix={t('products.daysUnit')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          {!access.cost || !access.floorPrice ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('products.hiddenFields')}
            </Typography.Paragraph>
          ) : null}
        </Form>
      )}
      {editing ? (
        <>
          {canSeePriceLists ? <ProductPriceLists productId={editing.id} /> : null}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, marginBottom: 0 }}>
            {editing.updatedByName
              ? t('products.updatedBy', { name: editing.updatedByName, at: formatDateTime(editing.updatedAt) })
              : formatDateTime(editing.updatedAt)}
          </Typography.Paragraph>
        </>
      ) : null}
    </ResponsiveDrawer>
  );
}
