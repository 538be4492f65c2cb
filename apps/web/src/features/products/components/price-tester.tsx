import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Row, Segmented, Select, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PRICE_PROVINCES, ZCustomerGradeValues, type TCustomerGrade, type TProduct, type TResolvedPrice } from '@crm/contracts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useCustomerOptions, useResolvePrices } from '../api/price-lists.queries.ts';
import { percentBelow } from './price-math.ts';
import { formatYuan } from './product-format.ts';
import { ProductPicker } from './product-picker.tsx';

/** "Which price would customer X get?": the resolved price per product with the list and rule it came from. */
export function PriceTester() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const [by, setBy] = useState<'customer' | 'profile'>('customer');
  const [customerQuery, setCustomerQuery] = useState('');
  const customers = useCustomerOptions(useDebouncedValue(customerQuery, 250));
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [grade, setGrade] = useState<TCustomerGrade>('A');
  const [province, setProvince] = useState<string | null>(null);
  const [products, setProducts] = useState<TProduct[]>([]);
  const productIds = products.map((p) => p.id);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const resolve = useResolvePrices();
  const result = resolve.data;
  // Names of every product checked so far (the result may outlive a change of the selection).
  const [seen, setSeen] = useState<Map<string, TProduct>>(new Map());
  const names = useMemo(() => new Map([...seen, ...products.map((p) => [p.id, p] as const)]), [seen, products]);

  const ready = productIds.length > 0 && (by === 'profile' || !!customerId);
  const run = () => {
    if (!ready) return;
    setSeen(names);
    resolve.mutate(
      {
        ...(by === 'customer' ? { customerId: customerId! } : { grade, province }),
        productIds,
        date: date.format('YYYY-MM-DD'),
      },
      { onError: (e) => showError(e) },
    );
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <CalculatorOutlined />
          {t('products.tester.title')}
        </Flex>
      }
      styles={{ body: { padding: isMobile ? 12 : 16 } }}
      data-testid="price-tester"
    >
      <Typography.Paragraph type="secondary">{t('products.tester.subtitle')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={run}>
        <Segmented<'customer' | 'profile'>
          value={by}
          onChange={setBy}
          options={[
            { value: 'customer', label: t('products.tester.byCustomer') },
            { value: 'profile', label: t('products.tester.byProfile') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="price-tester-mode"
        />
        <Row gutter={[12, 0]}>
          {by === 'customer' ? (
            <Col xs={24} md={12}>
              <Form.Item label={t('products.tester.customer')}>
                <Select
                  value={customerId}
                  onChange={setCustomerId}
                  allowClear
                  placeholder={t('products.tester.customerPlaceholder')}
                  filterOption={false}
                  showSearch={{ onSearch: setCustomerQuery }}
                  loading={customers.isFetching}
                  options={(customers.data ?? []).map((c) => ({
                    value: c.id,
                    label: `${c.name}（${c.grade}${c.province ? ` · ${c.province}` : ''}）`,
                  }))}
                  data-testid="price-tester-customer"
                />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={12} md={6}>
                <Form.Item label={t('products.tester.grade')}>
                  <Select<TCustomerGrade>
                    value={grade}
                    onChange={setGrade}
                    options={ZCustomerGradeValues.map((g) => ({ value: g, label: g }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('products.tester.province')}>
                  <Select
                    value={province}
                    onChange={setProvince}
                    allowClear
                    showSearch
                    placeholder={t('products.tester.provincePlaceholder')}
                    options={PRICE_PROVINCES.map((p) => ({ value: p, label: p }))}
                    data-testid="price-tester-province"
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={6}>
            <Form.Item label={t('products.tester.date')}>
              <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('products.tester.products')}>
          <ProductPicker
            value={products}
            includeDiscontinued
            onChange={(_ids, picked) => setProducts(picked)}
            placeholder={t('products.tester.productsPlaceholder')}
            data-testid="price-tester-products"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          disabled={!ready}
          loading={resolve.isPending}
          icon={<CalculatorOutlined />}
          data-testid="price-tester-run"
        >
          {t('products.tester.run')}
        </Button>
      </Form>
      {result ? (
        <div style={{ marginTop: 16 }} data-testid="price-tester-result">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              result.customerName
                ? t('products.tester.customerInfo', {
                    name: result.customerName,
                    grade: result.grade,
                    province: result.province ?? t('products.tester.noProvince'),
                  })
                : `${t('products.tester.grade')} ${result.grade} · ${result.province ?? t('products.priceList.anyProvince')}`
            }
            description={`${t('products.tester.date')}: ${result.date}`}
          />
          {isMobile ? (
            <Flex vertical gap={8}>
              {result.items.map((i) => (
                <Card key={i.productId} size="small">
                  <Typography.Text strong>{names.get(i.productId)?.name ?? i.productId}</Typography.Text>
                  <div className="kv-list" style={{ marginTop: 6 }}>
                    <span>{t('products.tester.listPrice')}</span>
                    <span>{formatYuan(i.listPrice)}</span>
                    <span>{t('products.tester.price')}</span>
                    <span>
                      <Typography.Text strong>{formatYuan(i.price)}</Typography.Text>
                    </span>
                    <span>{t('products.tester.source')}</span>
                    <span data-testid="price-tester-explanation">{explanationOf(i, t('products.tester.fallback'))}</span>
                  </div>
                </Card>
              ))}
            </Flex>
          ) : (
            <Table<TResolvedPrice>
              size="small"
              rowKey="productId"
              pagination={false}
              dataSource={result.items}
              columns={[
                {
                  key: 'product',
                  title: t('products.priceList.product'),
                  render: (_, i) => {
                    const p = names.get(i.productId);
                    return p ? (
                      <div style={{ lineHeight: 1.35 }}>
                        <div>{p.name}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {p.materialCode} · {p.model ?? '—'}
                        </Typography.Text>
                      </div>
                    ) : (
                      i.productId
                    );
                  },
                },
                {
                  key: 'list',
                  title: t('products.tester.listPrice'),
                  width: 120,
                  align: 'right',
                  render: (_, i) => formatYuan(i.listPrice),
                },
                {
                  key: 'price',
                  title: t('products.tester.price'),
                  width: 150,
                  align: 'right',
                  render: (_, i) => (
                    <div>
                      <Typography.Text strong>{formatYuan(i.price)}</Typography.Text>
                      {i.price !== i.listPrice ? (
                        <div>
                          <Typography.Text type="success" style={{ fontSize: 12 }}>
                            {t('products.tester.saving', { percent: percentBelow(i.listPrice, i.price) })}
                          </Typography.Text>
                        </div>
                      ) : null}
                    </div>
                  ),
                },
                {
                  key: 'source',
                  title: t('products.tester.source'),
                  render: (_, i) => (
                    <Flex gap={6} align="center" wrap data-testid="price-tester-explanation">
                      {i.source ? <Tag color="blue">P{i.source.priority}</Tag> : <Tag>{t('products.listPrice')}</Tag>}
                      <span>{explanationOf(i, t('products.tester.fallback'))}</span>
                    </Flex>
                  ),
                },
              ]}
            />
          )}
        </div>
      ) : null}
    </Card>
  );
}

const explanationOf = (i: TResolvedPrice, fallback: string) => (i.source ? i.explanation : fallback);
