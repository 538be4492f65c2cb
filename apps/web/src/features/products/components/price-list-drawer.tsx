import { useMemo, useState } from 'react';
import {
  App,
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  PRICE_PROVINCES,
  PRICE_REGIONS,
  regionOfProvinces,
  ZCustomerGradeValues,
  ZDiscountPercent,
  ZPrice,
  ZPriceListStatusValues,
  type TCreatePriceList,
  type TCustomerGrade,
  type TPriceListDetail,
  type TPriceListEntry,
  type TPriceListStatus,
  type TPriceRegion,
  type TProduct,
} from '@crm/contracts';
import { api, isApiError } from '../../../shared/api/api-client.ts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { emptyToNull, requiredRule } from '../../../shared/utils/form-rules.ts';
import { useCreatePriceList, usePriceList, useUpdatePriceList } from '../api/price-lists.queries.ts';
import { useProductCategories } from '../api/products.queries.ts';
import { discountedPrice, lessThan } from './price-math.ts';
import { formatYuan, useProductFieldAccess } from './product-format.ts';
import { ProductPicker } from './product-picker.tsx';
import { PriceListStatusTag } from './product-tags.tsx';

export type PriceListDrawerState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

interface FormValues {
  name: string;
  description?: string | null;
  grades: TCustomerGrade[];
  provinces: string[];
  priority: number;
  validity?: [Dayjs | null, Dayjs | null] | null;
  status: TPriceListStatus;
}

/** One editable row of the entry table. */
interface EntryRow {
  key: string;
  productId: string;
  materialCode: string;
  productName: string;
  model: string | null;
  unit: string;
  listPrice: string;
  floorPrice?: string | null;
  mode: 'price' | 'discount';
  value: string;
  validFrom: string | null;
  validTo: string | null;
}

let rowSeq = 0;
const rowKey = () => `row-${++rowSeq}`;
const toDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const REGIONS = Object.keys(PRICE_REGIONS) as TPriceRegion[];

function rowOfProduct(p: TProduct, discount = ''): EntryRow {
  return {
    key: rowKey(),
    productId: p.id,
    materialCode: p.materialCode,
    productName: p.name,
    model: p.model,
    unit: p.unit,
    listPrice: p.listPrice,
    floorPrice: p.floorPrice,
    mode: 'discount',
    value: discount,
    validFrom: null,
    validTo: null,
  };
}

function valuesOf(list: TPriceListDetail): FormValues {
  return {
    name: list.name,
    description: list.description,
    grades: list.grades,
    provinces: list.provinces,
    priority: list.priority,
    status: list.status,
    validity:
      list.validFrom || list.validTo ? [list.validFrom ? dayjs(list.validFrom) : null, list.validTo ? dayjs(list.validTo) : null] : null,
  };
}

function rowOfEntry(e: TPriceListEntry): EntryRow {
  return {
    key: rowKey(),
    productId: e.productId,
    materialCode: e.materialCode,
    productName: e.productName,
    model: e.model,
    unit: e.unit,
    listPrice: e.listPrice,
    floorPrice: e.floorPrice,
    mode: e.price !== null ? 'price' : 'discount',
    value: e.price ?? e.discountPercent ?? '',
    validFrom: e.validFrom,
    validTo: e.validTo,
  };
}

function effective(row: EntryRow): string | null {
  if (row.mode === 'price') return ZPrice.safeParse(row.value).success ? row.value : null;
  return ZDiscountPercent.safeParse(row.value).success ? discountedPrice(row.listPrice, row.value) : null;
}

function rowValid(row: EntryRow): boolean {
  return row.mode === 'price' ? ZPrice.safeParse(row.value).success : ZDiscountPercent.safeParse(row.value).success;
}

/** A price list as readers see it: its conditions and the price each product gets. */
function PriceListView({ list }: { list: TPriceListDetail }) {
  const { t } = useTranslation();
  const region = regionOfProvinces(list.provinces);
  const where =
    list.provinces.length === 0
      ? t('products.priceList.anyProvince')
      : region
        ? t(`products.priceList.region.${region}`)
        : list.provinces.join('、');
  const validity = list.validFrom || list.validTo ? `${list.validFrom ?? '…'} ~ ${list.validTo ?? '…'}` : t('products.priceList.always');
  const period = (e: TPriceListEntry) => (e.validFrom || e.validTo ? `${e.validFrom ?? '…'} ~ ${e.validTo ?? '…'}` : null);
  return (
    <>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }} style={{ marginBottom: 16 }}>
        {list.description ? <Descriptions.Item label={t('products.priceList.description')}>{list.description}</Descriptions.Item> : null}
        <Descriptions.Item label={t('products.priceList.grades')}>
          {list.grades.length === 0 ? t('products.priceList.anyGrade') : list.grades.join(' / ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('products.priceList.provinces')}>{where}</Descriptions.Item>
        <Descriptions.Item label={t('products.priceList.validity')}>{validity}</Descriptions.Item>
        <Descriptions.Item label={t('products.priceList.priority')}>{list.priority}</Descriptions.Item>
        <Descriptions.Item label={t('products.priceList.status')}>
          <PriceListStatusTag status={list.status} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>
        {t('products.priceList.entries')} · {t('products.priceList.entryCount', { count: list.entries.length })}
      </Typography.Text>
      <Table<TPriceListEntry>
        size="small"
        rowKey="id"
        dataSource={list.entries}
        pagination={list.entries.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
        style={{ marginTop: 8 }}
        data-testid="price-list-entries"
        columns={[
          {
            key: 'product',
            title: t('products.priceList.product'),
            render: (_, e) => (
              <div style={{ lineHeight: 1.35 }}>
                <div>{e.productName}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.materialCode} · {e.model ?? '—'}
                </Typography.Text>
                {period(e) ? (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {period(e)}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            key: 'price',
            title: t('products.priceList.effectivePrice'),
            width: 130,
            align: 'right',
            render: (_, e) => (
              <div style={{ lineHeight: 1.35 }}>
                <div>{formatYuan(e.effectivePrice)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.discountPercent !== null
                    ? `${t('products.priceList.modeValue.discount')} ${e.discountPercent}%`
                    : t('products.priceList.modeValue.price')}
                </Typography.Text>
              </div>
            ),
          },
        ]}
      />
    </>
  );
}

/** Create or edit a price list: conditions, validity, priority and its product prices; read-only for readers. */
export function PriceListDrawer({ state, readOnly, onClose }: { state: PriceListDrawerState; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const access = useProductFieldAccess();
  const detail = usePriceList(state?.mode === 'edit' ? state.id : null);
  const categories = useProductCategories();
  const create = useCreatePriceList();
  const update = useUpdatePriceList();
  const [rows, setRows] = useState<EntryRow[]>([]);
  const [picked, setPicked] = useState<TProduct[]>([]);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [categoryDiscount, setCategoryDiscount] = useState('5');
  const [addingCategory, setAddingCategory] = useState(false);
  const [rowError, setRowError] = useState<string | null>(null);
  const saving = create.isPending || update.isPending;
  const list: TPriceListDetail | undefined = state?.mode === 'edit' ? detail.data : undefined;
  const provinces = Form.useWatch('provinces', form) ?? [];

  // The rows start over whenever another list (or another version of it) is opened.
  const sourceKey = state ? `${state.mode}:${list?.id ?? ''}:${list?.version ?? ''}` : 'closed';
  const [loadedKey, setLoadedKey] = useState('closed');
  if (sourceKey !== loadedKey) {
    setLoadedKey(sourceKey);
    setRows(list ? list.entries.map(rowOfEntry) : []);
    setPicked([]);
    setRowError(null);
  }

  const inList = useMemo(() => new Set(rows.map((r) => r.productId)), [rows]);
  const patchRow = (key: string, patch: Partial<EntryRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const addPicked = () => {
    setRows((rs) => [...rs, ...picked.filter((p) => !rs.some((r) => r.productId === p.id)).map((p) => rowOfProduct(p))]);
    setPicked([]);
  };

  const addCategory = async () => {
    if (!categoryId || !ZDiscountPercent.safeParse(categoryDiscount).success) return;
    setAddingCategory(true);
    try {
      const page = await api.get<{ items: TProduct[] }>('/products', { categoryId, status: 'active', limit: 200 });
      setRows((rs) => [
        ...rs,
        ...page.items.filter((p) => !rs.some((r) => r.productId === p.id)).map((p) => rowOfProduct(p, categoryDiscount)),
      ]);
      setCategoryId(null);
    } catch (e) {
      showError(e);
    } finally {
      setAddingCategory(false);
    }
  };

  const submit = (v: FormValues) => {
    if (rows.some((r) => !rowValid(r))) {
      setRowError(t('products.form.priceInvalid'));
      return;
    }
    setRowError(null);
    const body: TCreatePriceList = {
      name: v.name.trim(),
      description: emptyToNull(v.description),
      grades: v.grades,
      provinces: v.provinces,
      priority: v.priority,
      validFrom: toDate(v.validity?.[0]),
      validTo: toDate(v.validity?.[1]),
      status: v.status,
      entries: rows.map((r) => ({
        productId: r.productId,
        ...(r.mode === 'price' ? { price: r.value } : { discountPercent: r.value }),
        validFrom: r.validFrom,
        validTo: r.validTo,
      })),
    };
    const onError = (e: unknown) => {
      // Entry problems come back as entries.N.…: name the row instead of a field path.
      if (isApiError(e) && e.fieldErrors.some((f) => f.path.startsWith('entries.'))) {
        const index = Number(e.fieldErrors.find((f) => f.path.startsWith('entries.'))!.path.split('.')[1]);
        const row = rows[index];
        setRowError(`${row ? `${row.materialCode} ${row.productName}: ` : ''}${e.problem.title}`);
        return;
      }
      showError(e, { form, onStale: onClose });
    };
    const done = (text: string) => {
      void message.success(text);
      onClose();
    };
    if (list)
      update.mutate(
        { id: list.id, body: { ...body, version: list.version } },
        { onSuccess: () => done(t('products.priceList.saved')), onError },
      );
    else create.mutate(body, { onSuccess: () => done(t('products.priceList.created')), onError });
  };

  const toggleRegion = (region: TPriceRegion) => {
    const members = PRICE_REGIONS[region] as readonly string[];
    const all = members.every((p) => provinces.includes(p));
    form.setFieldValue('provinces', all ? provinces.filter((p) => !members.includes(p)) : [...new Set([...provinces, ...members])]);
  };

  const loading = state?.mode === 'edit' && detail.isPending;
  const title = state?.mode === 'create' ? t('products.priceList.create') : readOnly ? list?.name : t('products.priceList.edit');

  return (
    <ResponsiveDrawer
      open={!!state}
      title={title}
      onClose={onClose}
      width={1060}
      footer={
        readOnly ? undefined : (
          <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} disabled={loading} onClick={() => form.submit()} data-testid="price-list-submit">
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {loading ? (
        <Spin style={{ display: 'block', padding: 48 }} />
      ) : readOnly && list ? (
        <PriceListView list={list} />
      ) : (
        <>
          <Form<FormValues>
            // A fresh form for each list (or version) opened: its values start from the list itself.
            key={sourceKey}
            preserve={false}
            initialValues={list ? valuesOf(list) : { grades: [], provinces: [], priority: 10, status: 'active', validity: null }}
            form={form}
            layout="vertical"
            onFinish={submit}
            disabled={saving || readOnly}
            autoComplete="off"
            scrollToFirstError
          >
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item name="name" label={t('products.priceList.name')} rules={[requiredRule(), { max: 80 }]}>
                  <Input maxLength={80} data-testid="price-list-name" />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item
                  name="priority"
                  label={t('products.priceList.priority')}
                  tooltip={t('products.priceList.priorityHint')}
                  rules={[requiredRule()]}
                >
                  <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item name="status" label={t('products.priceList.status')}>
                  <Select options={ZPriceListStatusValues.map((s) => ({ value: s, label: t(`products.priceList.statusValue.${s}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="description" label={t('products.priceList.description')} rules={[{ max: 500 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={10}>
                <Form.Item
                  name="grades"
                  label={t('products.priceList.grades')}
                  extra={readOnly ? undefined : t('products.priceList.gradesHint')}
                >
                  <Checkbox.Group options={ZCustomerGradeValues.map((g) => ({ value: g, label: `${g}` }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item
                  name="validity"
                  label={t('products.priceList.validity')}
                  extra={readOnly ? undefined : t('products.priceList.validityHint')}
                >
                  <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="provinces"
              label={t('products.priceList.provinces')}
              extra={readOnly ? undefined : t('products.priceList.provincesHint')}
              style={{ marginBottom: 8 }}
            >
              <Select
                mode="multiple"
                allowClear
                options={PRICE_PROVINCES.map((p) => ({ value: p, label: p }))}
                maxTagCount={12}
                data-testid="price-list-provinces"
              />
            </Form.Item>
            {!readOnly ? (
              <Flex gap={6} wrap align="center" style={{ marginBottom: 16 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('products.priceList.regionPicks')}
                </Typography.Text>
                {REGIONS.map((r) => {
                  const on = PRICE_REGIONS[r].every((p) => provinces.includes(p));
                  return (
                    <Tag.CheckableTag key={r} checked={on} onChange={() => toggleRegion(r)} data-testid={`region-${r}`}>
                      {t(`products.priceList.region.${r}`)}
                    </Tag.CheckableTag>
                  );
                })}
              </Flex>
            ) : null}
          </Form>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('products.priceList.entries')} · {t('products.priceList.entryCount', { count: rows.length })}
          </Divider>
          {!readOnly ? (
            <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
              <Col xs={24} md={14}>
                <Flex gap={8}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <ProductPicker
                      value={picked}
                      exclude={inList}
                      onChange={(_ids, products) => setPicked(products)}
                      placeholder={t('products.priceList.addProductsPlaceholder')}
                      data-testid="price-list-product-picker"
                    />
                  </div>
                  <Button icon={<PlusOutlined />} onClick={addPicked} disabled={picked.length === 0} data-testid="price-list-add-products">
                    {t('products.priceList.addProducts')}
                  </Button>
                </Flex>
              </Col>
              <Col xs={24} md={10}>
                <Flex gap={8}>
                  <Select
                    value={categoryId}
                    onChange={setCategoryId}
                    placeholder={t('products.priceList.addCategoryPlaceholder')}
                    options={(categories.data ?? []).filter((c) => c.isActive).map((c) => ({ value: c.id, label: c.name }))}
                    style={{ flex: 1, minWidth: 0 }}
                    popupMatchSelectWidth={false}
                  />
                  <Input
                    value={categoryDiscount}
                    onChange={(e) => setCategoryDiscount(e.target.value.trim())}
                    suffix="%"
                    inputMode="decimal"
                    style={{ width: 72 }}
                    aria-label={t('products.priceList.discountPercent')}
                  />
                  <Button onClick={() => void addCategory()} loading={addingCategory} disabled={!categoryId}>
                    {t('products.priceList.addCategory')}
                  </Button>
                </Flex>
              </Col>
            </Row>
          ) : null}
          {rowError ? (
            <Alert type="error" showIcon title={rowError} style={{ marginBottom: 12 }} data-testid="price-list-row-error" />
          ) : null}
          <Table<EntryRow>
            size="small"
            rowKey="key"
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
            scroll={{ x: 860 }}
            locale={{ emptyText: t('products.priceList.noEntries') }}
            data-testid="price-list-entries"
            columns={[
              {
                key: 'product',
                title: t('products.priceList.product'),
                width: 250,
                fixed: 'left',
                render: (_, r) => (
                  <div style={{ lineHeight: 1.35 }}>
                    <div>{r.productName}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.materialCode} · {r.model ?? '—'}
                    </Typography.Text>
                  </div>
                ),
              },
              { key: 'list', title: t('products.listPrice'), width: 110, align: 'right', render: (_, r) => formatYuan(r.listPrice) },
              {
                key: 'mode',
                title: t('products.priceList.mode'),
                width: 150,
                render: (_, r) => (
                  <Segmented<'price' | 'discount'>
                    size="small"
                    disabled={readOnly}
                    value={r.mode}
                    onChange={(mode) => patchRow(r.key, { mode, value: '' })}
                    options={[
                      { value: 'discount', label: t('products.priceList.modeValue.discount') },
                      { value: 'price', label: t('products.priceList.modeValue.price') },
                    ]}
                  />
                ),
              },
              {
                key: 'value',
                title: `${t('products.priceList.price')} / ${t('products.priceList.discountPercent')}`,
                width: 130,
                render: (_, r) => (
                  <Input
                    size="small"
                    disabled={readOnly}
                    value={r.value}
                    status={r.value !== '' && !rowValid(r) ? 'error' : undefined}
                    onChange={(e) => patchRow(r.key, { value: e.target.value.replace(/[,，\s¥%]/g, '') })}
                    prefix={r.mode === 'price' ? '¥' : undefined}
                    suffix={r.mode === 'discount' ? '%' : undefined}
                    inputMode="decimal"
                    aria-label={r.materialCode}
                  />
                ),
              },
              {
                key: 'effective',
                title: t('products.priceList.effectivePrice'),
                width: 120,
                align: 'right',
                render: (_, r) => {
                  const price = effective(r);
                  if (!price) return '—';
                  const below = access.floorPrice && r.floorPrice && lessThan(price, r.floorPrice);
                  return (
                    <div>
                      <div>{formatYuan(price)}</div>
                      {below ? (
                        <Typography.Text type="warning" style={{ fontSize: 12 }}>
                          {t('products.priceList.belowFloor', { floor: formatYuan(r.floorPrice) })}
                        </Typography.Text>
                      ) : null}
                    </div>
                  );
                },
              },
              {
                key: 'validity',
                title: t('products.priceList.entryValidity'),
                width: 240,
                render: (_, r) => (
                  <DatePicker.RangePicker
                    size="small"
                    disabled={readOnly}
                    allowEmpty={[true, true]}
                    value={[r.validFrom ? dayjs(r.validFrom) : null, r.validTo ? dayjs(r.validTo) : null]}
                    onChange={(range) => patchRow(r.key, { validFrom: toDate(range?.[0]), validTo: toDate(range?.[1]) })}
                    placeholder={[t('products.priceList.validFrom'), t('products.priceList.validTo')]}
                  />
                ),
              },
              ...(readOnly
                ? []
                : [
                    {
                      key: 'remove',
                      title: '',
                      width: 48,
                      render: (_: unknown, r: EntryRow) => (
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('products.priceList.remove')}
                          onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                        />
                      ),
                    },
                  ]),
            ]}
          />
          {!readOnly && rows.length > 0 ? (
            <Flex justify="flex-end" style={{ marginTop: 8 }}>
              <Popconfirm title={t('products.priceList.removeAll')} onConfirm={() => setRows([])}>
                <Button size="small" type="link" danger>
                  {t('products.priceList.removeAll')}
                </Button>
              </Popconfirm>
            </Flex>
          ) : null}
          {list ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
              {list.updatedByName
                ? t('products.priceList.updatedBy', { name: list.updatedByName, at: formatDateTime(list.updatedAt) })
                : formatDateTime(list.updatedAt)}
            </Typography.Paragraph>
          ) : null}
        </>
      )}
    </ResponsiveDrawer>
  );
}
