import { useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Flex, Row, Spin, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TContractTemplate, TContractTemplateVersion } from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { ArchiveSettingsCard } from './archive-settings-card.tsx';
import { templateFileUrl, useContractTemplates, useUpdateContractTemplate } from './contract-templates.queries.ts';
import { PlaceholdersReference } from './placeholders-reference.tsx';
import '../documents/contract-documents.css';
import { TemplateFormModal, type TemplateFormMode } from './template-form-modal.tsx';

function UnknownPlaceholders({ version }: { version: TContractTemplateVersion | undefined }) {
  const { t } = useTranslation();
  if (!version) return null;
  if (version.unknownPlaceholders.length === 0) return <Tag color="success">{t('contractDocuments.templates.allKnown')}</Tag>;
  return (
    <Tooltip title={t('contractDocuments.templates.unknownHint')}>
      <Typography.Text type="warning" data-testid="contract-template-unknown">
        <WarningOutlined />{' '}
        {t('contractDocuments.templates.unknown', { names: version.unknownPlaceholders.map((p) => `{${p}}`).join(' ') })}
      </Typography.Text>
    </Tooltip>
  );
}

/** 合同模板 (admin): docx templates with versions and their placeholder check, the archive requirements, the placeholder reference. */
export function ContractTemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const templates = useContractTemplates();
  const update = useUpdateContractTemplate();
  const [mode, setMode] = useState<TemplateFormMode | null>(null);
  const isMobile = useIsMobile();

  const actions = (x: TContractTemplate): ReactNode => (
    <Flex gap={4}>
      <Tooltip title={t('contractDocuments.templates.download')}>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={templateFileUrl(x.id, x.currentVersionNo)}
          aria-label={t('contractDocuments.templates.download')}
        />
      </Tooltip>
      <Tooltip title={x.isBuiltin ? t('contractDocuments.templates.builtinNoVersion') : t('contractDocuments.templates.newVersion')}>
        <Button
          size="small"
          icon={<UploadOutlined />}
          disabled={x.isBuiltin}
          onClick={() => setMode({ kind: 'version', template: x })}
          aria-label={t('contractDocuments.templates.newVersion')}
        />
      </Tooltip>
      <Tooltip title={t('contractDocuments.templates.edit')}>
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setMode({ kind: 'edit', template: x })}
          aria-label={t('contractDocuments.templates.edit')}
        />
      </Tooltip>
    </Flex>
  );
  const typeLabel = (v: TContractTemplate['contractType']) => (v ? t(`contracts.type.${v}`) : t('contractDocuments.templates.anyType'));

  const toggle = (x: TContractTemplate, isActive: boolean) =>
    update.mutate(
      { id: x.id, input: { version: x.version, isActive } },
      { onSuccess: () => void message.success(t('contractDocuments.templates.saved')), onError: (e) => showError(e) },
    );

  return (
    <PageContainer
      title={t('contractDocuments.templates.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'create' })} data-testid="contract-template-create">
          {t('contractDocuments.templates.create')}
        </Button>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card size="small" data-testid="contract-templates">
            {templates.isError ? (
              <QueryError error={templates.error} onRetry={() => void templates.refetch()} />
            ) : !templates.data ? (
              <Spin style={{ display: 'block', padding: 24 }} />
            ) : isMobile ? (
              <Flex vertical gap={8}>
                {templates.data.map((x) => (
                  <div key={x.id} className="contract-template-item" data-testid="contract-template-item">
                    <Flex justify="space-between" align="center" gap={8}>
                      <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
                        <Typography.Text strong>{x.name}</Typography.Text>
                        {x.isBuiltin ? <Tag color="blue">{t('contractDocuments.templates.builtin')}</Tag> : null}
                      </Flex>
                      <Switch
                        size="small"
                        checked={x.isActive}
                        onChange={(on) => toggle(x, on)}
                        aria-label={t('contractDocuments.templates.active')}
                      />
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {typeLabel(x.contractType)} · V{x.currentVersionNo} · {formatDateTime(x.updatedAt)}
                    </Typography.Text>
                    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
                      <UnknownPlaceholders version={x.versions[0]} />
                      {actions(x)}
                    </Flex>
                  </div>
                ))}
              </Flex>
            ) : (
              <Table<TContractTemplate>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={templates.data}
                scroll={{ x: 900 }}
                locale={{ emptyText: t('contractDocuments.templates.empty') }}
                expandable={{
                  expandedRowRender: (x) => (
                    <Flex vertical gap={6}>
                      {x.versions.map((v) => (
                        <Flex key={v.versionNo} gap={8} wrap align="center" data-testid="contract-template-version">
                          <Tag>V{v.versionNo}</Tag>
                          <Typography.Link href={templateFileUrl(x.id, v.versionNo)}>{v.fileName}</Typography.Link>
                          <Typography.Text type="secondary">
                            {[v.uploadedByName, formatDateTime(v.uploadedAt)].filter(Boolean).join(' · ')}
                          </Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('contractDocuments.templates.placeholders')}: {v.placeholders.length}
                          </Typography.Text>
                          <UnknownPlaceholders version={v} />
                        </Flex>
                      ))}
                    </Flex>
                  ),
                }}
                columns={[
                  {
                    title: t('contractDocuments.templates.name'),
                    dataIndex: 'name',
                    width: 260,
                    render: (_: string, x) => (
                      <Flex vertical gap={2}>
                        <Flex gap={6} align="center" wrap>
                          <Typography.Text strong>{x.name}</Typography.Text>
                          {x.isBuiltin ? <Tag color="blue">{t('contractDocuments.templates.builtin')}</Tag> : null}
                        </Flex>
                        {x.description ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: x.description }}>
                            {x.description}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    ),
                  },
                  {
                    title: t('contractDocuments.templates.contractType'),
                    dataIndex: 'contractType',
                    width: 130,
                    render: (v: TContractTemplate['contractType']) =>
                      v ? t(`contracts.type.${v}`) : t('contractDocuments.templates.anyType'),
                  },
                  {
                    title: t('contractDocuments.templates.current'),
                    dataIndex: 'currentVersionNo',
                    width: 260,
                    render: (_: number, x) => (
                      <Flex vertical gap={2}>
                        <span>V{x.currentVersionNo}</span>
                        <UnknownPlaceholders version={x.versions[0]} />
                      </Flex>
                    ),
                  },
                  {
                    title: t('contractDocuments.templates.active'),
                    dataIndex: 'isActive',
                    width: 80,
                    render: (v: boolean, x) => (
                      <Switch
                        size="small"
                        checked={v}
                        onChange={(on) => toggle(x, on)}
                        aria-label={t('contractDocuments.templates.active')}
                      />
                    ),
                  },
                  {
                    title: t('contractDocuments.templates.updatedAt'),
                    dataIndex: 'updatedAt',
                    width: 160,
                    render: (v: string) => formatDateTime(v),
                  },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 150,
                    render: (_: unknown, x) => actions(x),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <ArchiveSettingsCard />
        </Col>
        <Col xs={24} lg={14}>
          <PlaceholdersReference />
        </Col>
      </Row>
      {mode ? <TemplateFormModal mode={mode} onClose={() => setMode(null)} /> : null}
    </PageContainer>
  );
}
