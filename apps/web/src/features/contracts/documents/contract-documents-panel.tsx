import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Spin, Upload } from 'antd';
import { FileWordOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ARCHIVE_PDF_ORDER, type TContractDocument, type TContractDocumentKind, type TContractType } from '@crm/contracts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { ArchiveStatusCard } from './archive-status-card.tsx';
import { useContractDocuments, useDeleteContractDocument } from './contract-documents.queries.ts';
import { DocumentItem } from './document-item.tsx';
import { GenerateDocumentModal } from './generate-document-modal.tsx';
import { UploadDocumentModal } from './upload-document-modal.tsx';
import './contract-documents.css';

type UploadTarget = { document?: TContractDocument; file?: File | null } | null;

/**
 * 文档归档 of one contract: the archive status with its required kinds, typed uploads (drag &
 * drop), versions, downloads, the contract text generated from a template, the merged archive PDF.
 */
export function ContractDocumentsPanel({
  contractId,
  contractType,
  canWrite,
}: {
  contractId: string;
  contractType: TContractType;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const documents = useContractDocuments(contractId);
  const remove = useDeleteContractDocument(contractId);
  const [uploadTarget, setUploadTarget] = useState<UploadTarget>(null);
  const [generating, setGenerating] = useState(false);

  if (documents.isError) return <QueryError error={documents.error} onRetry={() => void documents.refetch()} />;
  if (!documents.data) return <Spin style={{ display: 'block', padding: 24 }} />;
  const { items, archive, canDelete } = documents.data;
  const defaultKind: TContractDocumentKind = archive.missingKinds[0] ?? 'other';
  const order = (k: TContractDocumentKind) => ARCHIVE_PDF_ORDER.indexOf(k);
  const sorted = [...items].sort((a, b) => order(a.kind) - order(b.kind) || a.createdAt.localeCompare(b.createdAt));

  return (
    <Flex vertical gap={16} data-testid="contract-documents-panel">
      <ArchiveStatusCard contractId={contractId} archive={archive} />
      <Card
        size="small"
        title={t('contractDocuments.list.title')}
        extra={
          canWrite ? (
            <Flex gap={8} wrap>
              <Button size="small" icon={<FileWordOutlined />} onClick={() => setGenerating(true)} data-testid="contract-document-generate">
                {t('contractDocuments.generate.button')}
              </Button>
              <Button
                size="small"
                type="primary"
                icon={<UploadOutlined />}
                onClick={() => setUploadTarget({})}
                data-testid="contract-document-upload"
              >
                {t('contractDocuments.upload.button')}
              </Button>
            </Flex>
          ) : null
        }
      >
        <Flex vertical gap={8}>
          {canWrite ? (
            <Upload.Dragger
              className="contract-documents-drop"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                setUploadTarget({ file });
                return false;
              }}
              data-testid="contract-documents-drop"
            >
              <Flex gap={8} justify="center" align="center">
                <InboxOutlined style={{ fontSize: 20, color: 'var(--ant-color-primary, #1677ff)' }} />
                <span>{t('contractDocuments.upload.drop')}</span>
              </Flex>
            </Upload.Dragger>
          ) : null}
          {sorted.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contractDocuments.list.empty')} />
          ) : (
            sorted.map((d) => (
              <DocumentItem
                key={d.id}
                contractId={contractId}
                document={d}
                canWrite={canWrite}
                canDelete={canWrite && canDelete}
                deleting={remove.isPending && remove.variables === d.id}
                onNewVersion={() => setUploadTarget({ document: d })}
                onDelete={() =>
                  remove.mutate(d.id, {
                    onSuccess: () => void message.success(t('contractDocuments.list.deleted')),
                    onError: (e) => showError(e),
                  })
                }
              />
            ))
          )}
        </Flex>
      </Card>
      {uploadTarget ? (
        <UploadDocumentModal
          contractId={contractId}
          onClose={() => setUploadTarget(null)}
          document={uploadTarget.document}
          initialFile={uploadTarget.file ?? null}
          defaultKind={defaultKind}
        />
      ) : null}
      <GenerateDocumentModal contractId={contractId} contractType={contractType} open={generating} onClose={() => setGenerating(false)} />
    </Flex>
  );
}
