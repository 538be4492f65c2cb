import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  ZCustomerGradeValues,
  ZCustomerTypeValues,
  type TAssignmentRule,
  type TAssignmentRuleInput,
  type TCustomerPool,
  type TPoolSettings,
} from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { requiredRule } from '../../../shared/utils/form-rules.ts';
import { DepartmentTreeSelect } from '../../departments/components/department-tree-select.tsx';
import { PROVINCES } from '../components/provinces.ts';
import {
  useAssignmentRules,
  useDeleteAssignmentRule,
  usePools,
  useRunReclaim,
  useSaveAssignmentRule,
  useSavePool,
} from './pool.queries.ts';

const DEFAULT_POOL: TPoolSettings = {
  name: '',
  departmentId: '',
  rules: {
    A: { noActivityDays: 60, noDealDays: 180 },
    B: { noActivityDays: 60, noDealDays: 180 },
    C: { noActivityDays: 30, noDealDays: 180 },
    D: { noActivityDays: 30, noDealDays: 180 },
  },
  warnDays: 7,
  ownerCap: 200,
  dailyClaimQuota: 10,
  reclaimCooldownDays: 30,
  reclaimEnabled: true,
};

type Editing<T> = { mode: 'create' } | { mode: 'edit'; record: T } | null;

/**
 * The form of a create-or-edit drawer: filled from the record (or the defaults) when it opens;
 * `submit` validates, saves (with the record's version when editing), says so and closes.
 */
function useDrawerForm<V extends object, R extends V & { id: string; version: number }>(
  state: Editing<R>,
  defaults: V,
  save: (input: { id?: string; body: V | (Partial<V> & { version: number }) }) => Promise<unknown>,
  onClose: () => void,
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<V>();
  useEffect(() => {
    if (state) form.setFieldsValue((state.mode === 'edit' ? state.record : defaults) as Parameters<typeof form.setFieldsValue>[0]);
  }, [state, form, defaults]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save(state?.mode === 'edit' ? { id: state.record.id, body: { ...values, version: state.record.version } } : { body: values });
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      showError(error, { form });
    }
  };
  return { form, submit };
}

function PoolDrawer({ state, onClose }: { state: Editing<TCustomerPool>; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSavePool();
  const { form, submit } = useDrawerForm<TPoolSettings, TCustomerPool>(state, DEFAULT_POOL, save.mutateAsync, onClose);

  return (
    <ResponsiveDrawer
      open={state !== null}
      title={state?.mode === 'edit' ? t('pool.settings.editPool') : t('pool.settings.newPool')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="pool-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" data-testid="pool-form">
        <Form.Item name="name" label={t('pool.settings.name')} rules={[requiredRule()]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('pool.settings.department')}
          rules={[requiredRule()]}
          extra={t('pool.settings.departmentHint')}
        >
          <DepartmentTreeSelect />
        </Form.Item>
        <Typography.Text strong>{t('pool.settings.reclaimRules')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('pool.settings.reclaimRulesHint')}
        </Typography.Paragraph>
        <table className="pool-rules-table">
          <thead>
            <tr>
              <th>{t('customers.grade')}</th>
              <th>{t('pool.settings.noActivityDays')}</th>
              <th>{t('pool.settings.noDealDays')}</th>
            </tr>
          </thead>
          <tbody>
            {ZCustomerGradeValues.map((g) => (
              <tr key={g}>
                <td>{g}</td>
                <td>
                  <Form.Item name={['rules', g, 'noActivityDays']} noStyle getValueFromEvent={(v: number | null) => v ?? null}>
                    <InputNumber min={1} max={3650} placeholder={t('pool.settings.never')} style={{ width: '100%' }} />
                  </Form.Item>
                </td>
                <td>
                  <Form.Item name={['rules', g, 'noDealDays']} noStyle getValueFromEvent={(v: number | null) => v ?? null}>
                    <InputNumber min={1} max={3650} placeholder={t('pool.settings.never')} style={{ width: '100%' }} />
                  </Form.Item>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Space wrap size={[16, 0]} style={{ marginTop: 16 }}>
          <Form.Item name="warnDays" label={t('pool.settings.warnDays')} rules={[requiredRule()]}>
            <InputNumber min={0} max={365} />
          </Form.Item>
          <Form.Item name="ownerCap" label={t('pool.settings.ownerCap')} rules={[requiredRule()]}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
          <Form.Item name="dailyClaimQuota" label={t('pool.settings.dailyClaimQuota')} rules={[requiredRule()]}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="reclaimCooldownDays" label={t('pool.settings.cooldown')} rules={[requiredRule()]}>
            <InputNumber min={0} max={3650} />
          </Form.Item>
        </Space>
        <Form.Item name="reclaimEnabled" label={t('pool.settings.reclaimEnabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </ResponsiveDrawer>
  );
}

function PoolsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const pools = usePools();
  const reclaim = useRunReclaim();
  const [editing, setEditing] = useState<Editing<TCustomerPool>>(null);
  const days = (v: number | null) => (v === null ? t('pool.settings.never') : t('pool.settings.days', { count: v }));

  if (pools.isError) return <QueryError error={pools.error} onRetry={() => void pools.refetch()} />;
  return (
    <Card
      title={t('pool.settings.pools')}
      extra={
        <Space wrap>
          <Button
            icon={<PlayCircleOutlined />}
            loading={reclaim.isPending}
            onClick={() =>
              reclaim
                .mutateAsync()
                .then((r) => message.success(t('pool.settings.reclaimDone', { reclaimed: r.reclaimed, warned: r.warned })))
                .catch(showError)
            }
            data-testid="pool-run-reclaim"
          >
            {t('pool.settings.runReclaim')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="pool-create">
            {t('pool.settings.newPool')}
          </Button>
        </Space>
      }
    >
      <Table<TCustomerPool>
        rowKey="id"
        loading={pools.isPending}
        dataSource={pools.data}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(record) => ({ onClick: () => setEditing({ mode: 'edit', record }), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('pool.settings.name'),
            dataIndex: 'name',
            render: (v: string, r) => (r.reclaimEnabled ? v : <Typography.Text type="secondary">{v}</Typography.Text>),
          },
          { title: t('pool.settings.department'), dataIndex: 'departmentName' },
          { title: t('pool.settings.size'), dataIndex: 'size', align: 'right' },
          {
            title: t('pool.settings.reclaimRules'),
            key: 'rules',
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {ZCustomerGradeValues.map((g) => (
                  <Tag key={g}>
                    {g}: {days(r.rules[g].noActivityDays)} / {days(r.rules[g].noDealDays)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('pool.settings.ownerCap'), dataIndex: 'ownerCap', align: 'right' },
          { title: t('pool.settings.dailyClaimQuota'), dataIndex: 'dailyClaimQuota', align: 'right' },
          { title: t('pool.settings.cooldown'), dataIndex: 'reclaimCooldownDays', align: 'right', render: (v: number) => days(v) },
        ]}
      />
      <PoolDrawer state={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

const EMPTY_RULE: TAssignmentRuleInput = {
  name: '',
  priority: 100,
  provinces: [],
  industries: [],
  types: [],
  departmentId: '',
  strategy: 'round_robin',
  enabled: true,
};

function RuleDrawer({ state, onClose }: { state: Editing<TAssignmentRule>; onClose: () => void }) {
  const { t } = useTranslation();
  const showError = useApiError();
  const save = useSaveAssignmentRule();
  const remove = useDeleteAssignmentRule();
  const { form, submit } = useDrawerForm<TAssignmentRuleInput, TAssignmentRule>(state, EMPTY_RULE, save.mutateAsync, onClose);

  return (
    <ResponsiveDrawer
      open={state !== null}
      title={state?.mode === 'edit' ? t('pool.rules.edit') : t('pool.rules.new')}
      onClose={onClose}
      extra={
        <Space>
          {state?.mode === 'edit' ? (
            <Popconfirm
              title={t('pool.rules.deleteConfirm')}
              onConfirm={() => remove.mutateAsync({ id: state.record.id, version: state.record.version }).then(onClose).catch(showError)}
            >
              <Button danger>{t('common.delete')}</Button>
            </Popconfirm>
          ) : null}
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="rule-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('pool.rules.name')} rules={[requiredRule()]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="priority" label={t('pool.rules.priority')} extra={t('pool.rules.priorityHint')} rules={[requiredRule()]}>
          <InputNumber min={0} max={10000} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('pool.rules.conditionsHint')}</Typography.Paragraph>
        <Form.Item name="provinces" label={t('customers.province')}>
          <Select mode="multiple" allowClear options={PROVINCES.map((p) => ({ value: p, label: p }))} placeholder={t('pool.rules.any')} />
        </Form.Item>
        <Form.Item name="industries" label={t('customers.industry')}>
          <Select mode="tags" allowClear placeholder={t('pool.rules.any')} />
        </Form.Item>
        <Form.Item name="types" label={t('customers.type')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('pool.rules.any')}
            options={ZCustomerTypeValues.map((v) => ({ value: v, label: t(`customerType.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('pool.rules.department')} rules={[requiredRule()]}>
          <DepartmentTreeSelect />
        </Form.Item>
        <Form.Item name="strategy" label={t('pool.rules.strategy')} rules={[requiredRule()]}>
          <Radio.Group
            options={[
              { value: 'round_robin', label: t('pool.rules.roundRobin') },
              { value: 'least_loaded', label: t('pool.rules.leastLoaded') },
            ]}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('pool.rules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </ResponsiveDrawer>
  );
}

function RulesTab() {
  const { t } = useTranslation();
  const rules = useAssignmentRules();
  const [editing, setEditing] = useState<Editing<TAssignmentRule>>(null);
  const any = <Typography.Text type="secondary">{t('pool.rules.any')}</Typography.Text>;
  const list = (values: string[]) => (values.length === 0 ? any : values.join('、'));

  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Card
      title={t('pool.rules.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="rule-create">
          {t('pool.rules.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('pool.rules.hint')}</Typography.Paragraph>
      <Table<TAssignmentRule>
        rowKey="id"
        loading={rules.isPending}
        dataSource={rules.data}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(record) => ({ onClick: () => setEditing({ mode: 'edit', record }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('pool.rules.priority'), dataIndex: 'priority', width: 80 },
          {
            title: t('pool.rules.name'),
            dataIndex: 'name',
            render: (v: string, r) => (r.enabled ? v : <Typography.Text delete>{v}</Typography.Text>),
          },
          { title: t('customers.province'), dataIndex: 'provinces', render: list },
          { title: t('customers.industry'), dataIndex: 'industries', render: list },
          {
            title: t('customers.type'),
            dataIndex: 'types',
            render: (v: TAssignmentRule['types']) => (v.length === 0 ? any : v.map((x) => t(`customerType.${x}`)).join('、')),
          },
          { title: t('pool.rules.department'), dataIndex: 'departmentName' },
          {
            title: t('pool.rules.strategy'),
            dataIndex: 'strategy',
            render: (v: TAssignmentRule['strategy']) => (v === 'round_robin' ? t('pool.rules.roundRobin') : t('pool.rules.leastLoaded')),
          },
        ]}
      />
      <RuleDrawer state={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

/** Administrators: the public pools with their rules per grade, and the automatic assignment rules. */
export function PoolSettingsPage() {
  const { t } = useTranslation();
  return (
    <PageContainer title={t('pool.settings.title')}>
      <Tabs
        items={[
          { key: 'pools', label: t('pool.settings.pools'), children: <PoolsTab /> },
          { key: 'rules', label: t('pool.rules.title'), children: <RulesTab /> },
        ]}
      />
    </PageContainer>
  );
}
