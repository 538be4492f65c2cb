import { useState } from 'react';
import { Button, Flex, Popconfirm, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, DownOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TContractDocument, TContractDocumentVersion } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { documentVersionUrl } from './contract-documents.queries.ts';
import { formatFileSize } from './document-format.ts';

function VersionLine({ contractId, documentId, v }: { contractId: string; documentId: string; v: TContractDocumentVersion }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap align="center" style={{ fontSize: 13 }} data-testid="contract-document-version">
      <Tag>{t('contractDocuments.list.version', { no: v.versionNo })}</Tag>
      <Typography.Link href={documentVersionUrl(contractId, documentId, v.versionNo)} ellipsis style={{ maxWidth: 280 }}>
        {v.fileName}
      </Typography.Link>
      <Typography.Text type="secondary">
        {[formatFileSize(v.size), v.uploadedByName, formatDateTime(v.uploadedAt)].filter(Boolean).join(' · ')}
      </Typography.Text>
      {v.templateName ? (
        <Typography.Text type="secondary">
          {t('contractDocuments.list.template', { name: v.templateName, no: v.templateVersionNo })}
        </Typography.Text>
      ) : null}
      {v.note ? <Typography.Text type="secondary">「{v.note}」</Typography.Text> : null}
    </Flex>
  );
}

/** One document: its kind, title and current version, actions, and its earlier versions on demand. */
export function DocumentItem({
  contractId,
  document: d,
  canWrite,
  canDelete,
  onNewVersion,
  onDelete,
  deleting,
}: {
  contractId: string;
  document: TContractDocument;
  canWrite: boolean;
  canDelete: boolean;
  onNewVersion: () => void;
  onDelete: () => void;
  deleting: boolean;
}) {
  const { t } = useTranslation();
  const [showHistory, setShowHistory] = useState(false);
  const [current, ...older] = d.versions;
  return (
    <div className="contract-document-item" data-testid="contract-document" data-kind={d.kind}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Flex gap={8} align="center" wrap>
            <Tag color={d.kind === 'signed_original' ? 'green' : d.kind === 'contract_text' ? 'blue' : undefined}>
              {t(`contractDocuments.kind.${d.kind}`)}
            </Tag>
            <Typography.Text strong ellipsis style={{ maxWidth: '100%' }}>
              {d.title}
            </Typography.Text>
            {d.source === 'generated' ? <Tag color="geekblue">{t('contractDocuments.source.generated')}</Tag> : null}
          </Flex>
          {current ? <VersionLine contractId={contractId} documentId={d.id} v={current} /> : null}
        </Flex>
        <Flex gap={4} wrap>
          {current ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={documentVersionUrl(contractId, d.id, current.versionNo)}
              data-testid="contract-document-download"
            >
              {t('contractDocuments.list.download')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button size="small" icon={<UploadOutlined />} onClick={onNewVersion} data-testid="contract-document-new-version">
              {t('contractDocuments.list.newVersion')}
            </Button>
          ) : null}
          {canDelete ? (
            <Popconfirm
              title={t('contractDocuments.list.deleteConfirm', { title: d.title })}
              onConfirm={onDelete}
              okButtonProps={{ danger: true }}
            >
              <Button size="small" danger icon={<DeleteOutlined />} loading={deleting} aria-label={t('contractDocuments.list.delete')} />
            </Popconfirm>
          ) : null}
        </Flex>
      </Flex>
      {older.length > 0 ? (
        <div style={{ marginTop: 6 }}>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            icon={showHistory ? <DownOutlined /> : <RightOutlined />}
            onClick={() => setShowHistory((s) => !s)}
            data-testid="contract-document-history"
          >
            {t('contractDocuments.list.versions', { count: older.length })}
          </Button>
          {showHistory ? (
            <Flex vertical gap={4} style={{ paddingInlineStart: 18, marginTop: 4 }}>
              {older.map((v) => (
                <VersionLine key={v.id} contractId={contractId} documentId={d.id} v={v} />
              ))}
            </Flex>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
