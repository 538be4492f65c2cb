import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZStageKindValues, type TPipelineStageInput, type TStageKind } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { FullPageSpin } from '../../../shared/ui/full-page-spin.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { usePipeline, useUpdatePipeline } from '../api/opportunities.queries.ts';

type Row = TPipelineStageInput & { key: string };

/** 销售流程设置 (administrators): stages in order, their probabilities, kinds and the skip rules. */
export function PipelineSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const pipeline = usePipeline();
  const save = useUpdatePipeline();
  // The rows being edited, for the pipeline version they started from (a saved or reloaded pipeline starts afresh).
  const [edit, setEdit] = useState<{ version: number; rows: Row[] } | null>(null);
  const data = pipeline.data;
  const rows: Row[] =
    data && edit?.version === data.version
      ? edit.rows
      : (data?.stages ?? []).map((s) => ({
          key: s.id,
          id: s.id,
          code: s.code,
          nameZh: s.nameZh,
          nameEn: s.nameEn,
          probability: s.probability,
          kind: s.kind,
          isRequired: s.isRequired,
          isRequiredForTender: s.isRequiredForTender,
          requiresTenderInfo: s.requiresTenderInfo,
        }));
  const setRows = (update: (rows: Row[]) => Row[]) => {
    if (data) setEdit({ version: data.version, rows: update(rows) });
  };

  if (pipeline.isLoading) return <FullPageSpin />;
  if (pipeline.isError || !pipeline.data) return <QueryError error={pipeline.error} onRetry={() => void pipeline.refetch()} />;

  const set = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const moveRow = (index: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });

  const columns: TableColumnsType<Row> = [
    {
      key: 'order',
      title: '#',
      width: 84,
      render: (_, r, i) => (
        <Space size={0}>
          <Typography.Text style={{ width: 20, display: 'inline-block' }}>{i + 1}</Typography.Text>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={i === 0}
            onClick={() => moveRow(i, -1)}
            aria-label={t('opportunities.pipeline.moveUp')}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={i === rows.length - 1}
            onClick={() => moveRow(i, 1)}
            aria-label={t('opportunities.pipeline.moveDown')}
          />
        </Space>
      ),
    },
    {
      key: 'code',
      title: t('opportunities.pipeline.code'),
      width: 150,
      render: (_, r) => <Input size="small" value={r.code} onChange={(e) => set(r.key, { code: e.target.value })} maxLength={40} />,
    },
    {
      key: 'nameZh',
      title: t('opportunities.pipeline.nameZh'),
      width: 130,
      render: (_, r) => <Input size="small" value={r.nameZh} onChange={(e) => set(r.key, { nameZh: e.target.value })} maxLength={30} />,
    },
    {
      key: 'nameEn',
      title: t('opportunities.pipeline.nameEn'),
      width: 160,
      render: (_, r) => <Input size="small" value={r.nameEn} onChange={(e) => set(r.key, { nameEn: e.target.value })} maxLength={40} />,
    },
    {
      key: 'probability',
      title: t('opportunities.pipeline.probability'),
      width: 100,
      render: (_, r) => (
        <InputNumber
          size="small"
          min={0}
          max={100}
          precision={0}
          value={r.probability}
          onChange={(v) => set(r.key, { probability: v ?? 0 })}
          style={{ width: 80 }}
          data-testid={`probability-${r.code}`}
        />
      ),
    },
    {
      key: 'kind',
      title: t('opportunities.pipeline.kind'),
      width: 110,
      render: (_, r) => (
        <Select<TStageKind>
          size="small"
          value={r.kind}
          onChange={(kind) => set(r.key, { kind })}
          options={ZStageKindValues.map((k) => ({ value: k, label: t(`opportunities.kind.${k}`) }))}
          style={{ width: 96 }}
        />
      ),
    },
    {
      key: 'rules',
      title: '',
      width: 300,
      render: (_, r) =>
        r.kind === 'open' ? (
          <Flex gap={8} wrap>
            <Checkbox checked={r.isRequired} onChange={(e) => set(r.key, { isRequired: e.target.checked })}>
              {t('opportunities.pipeline.isRequired')}
            </Checkbox>
            <Checkbox checked={r.isRequiredForTender} onChange={(e) => set(r.key, { isRequiredForTender: e.target.checked })}>
              {t('opportunities.pipeline.isRequiredForTender')}
            </Checkbox>
            <Checkbox checked={r.requiresTenderInfo} onChange={(e) => set(r.key, { requiresTenderInfo: e.target.checked })}>
              {t('opportunities.pipeline.requiresTenderInfo')}
            </Checkbox>
          </Flex>
        ) : null,
    },
    {
      key: 'remove',
      title: '',
      width: 48,
      render: (_, r) => (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
          aria-label={t('opportunities.pipeline.remove')}
        />
      ),
    },
  ];

  const onSave = () =>
    save.mutate(
      {
        version: pipeline.data.version,
        stages: rows.map(({ key: _key, ...s }) => ({ ...s, code: s.code.trim(), nameZh: s.nameZh.trim(), nameEn: s.nameEn.trim() })),
      },
      {
        onSuccess: () => void message.success(t('opportunities.pipeline.saved')),
        onError: (e) => showError(e, { onStale: () => void pipeline.refetch() }),
      },
    );

  return (
    <PageContainer
      title={t('opportunities.pipeline.title')}
      extra={
        <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="pipeline-save">
          {t('common.save')}
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        title={t('opportunities.pipeline.intro')}
        description={t('opportunities.pipeline.rules')}
        style={{ marginBottom: 12 }}
      />
      <Card size="small">
        <Table<Row>
          rowKey="key"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={rows}
          scroll={{ x: isMobile ? 1100 : undefined }}
          data-testid="pipeline-table"
        />
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows((rs) => {
                const at = Math.max(
                  0,
                  rs.findIndex((r) => r.kind !== 'open'),
                );
                const row: Row = {
                  key: `new-${Date.now()}`,
                  code: `stage_${rs.length + 1}`,
                  nameZh: '',
                  nameEn: '',
                  probability: 50,
                  kind: 'open',
                  isRequired: false,
                  isRequiredForTender: false,
                  requiresTenderInfo: false,
                };
                return [...rs.slice(0, at), row, ...rs.slice(at)];
              })
            }
          >
            {t('opportunities.pipeline.addStage')}
          </Button>
          {pipeline.data.updatedByName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('opportunities.pipeline.updatedBy', { name: pipeline.data.updatedByName, at: formatDateTime(pipeline.data.updatedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
    </PageContainer>
  );
}
