import { Alert, Button, Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TContractArchiveStatus } from '@crm/contracts';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { archivePdfUrl } from './contract-documents.queries.ts';

/** 归档状态: the required kinds ticked off, the due date, and the merged archive PDF. */
export function ArchiveStatusCard({ contractId, archive }: { contractId: string; archive: TContractArchiveStatus }) {
  const { t } = useTranslation();
  const kind = (k: TContractArchiveStatus['requiredKinds'][number]) => t(`contractDocuments.kind.${k}`);
  const state = archive.isComplete ? (
    <Tag color="success">{t('contractDocuments.archive.complete')}</Tag>
  ) : archive.isOverdue ? (
    <Tag color="error">{t('contractDocuments.archive.overdue')}</Tag>
  ) : (
    <Tag color="warning">{t('contractDocuments.archive.incomplete')}</Tag>
  );
  return (
    <Card
      size="small"
      data-testid="contract-archive-status"
      title={
        <Flex gap={8} align="center" wrap>
          {t('contractDocuments.archive.title')}
          {state}
        </Flex>
      }
      extra={
        <Tooltip title={t('contractDocuments.archive.mergedPdfHint')}>
          <Button
            size="small"
            icon={<FilePdfOutlined />}
            href={archivePdfUrl(contractId)}
            target="_blank"
            data-testid="contract-archive-pdf"
          >
            {t('contractDocuments.archive.mergedPdf')}
          </Button>
        </Tooltip>
      }
    >
      <Flex vertical gap={10}>
        <Typography.Text type="secondary">{t('contractDocuments.archive.required')}</Typography.Text>
        {archive.requiredKinds.length === 0 ? (
          <Typography.Text>{t('contractDocuments.archive.noneRequired')}</Typography.Text>
        ) : (
          <Flex gap={16} wrap data-testid="contract-archive-checklist">
            {archive.requiredKinds.map((k) => {
              const present = archive.presentKinds.includes(k);
              return (
                <Flex key={k} gap={6} align="center" data-testid={`archive-kind-${k}`} data-present={present ? 'yes' : 'no'}>
                  {present ? (
                    <CheckCircleFilled
                      style={{ color: 'var(--ant-color-success, #52c41a)' }}
                      aria-label={t('contractDocuments.archive.present')}
                    />
                  ) : (
                    <CloseCircleOutlined
                      style={{ color: 'var(--ant-color-error, #ff4d4f)' }}
                      aria-label={t('contractDocuments.archive.missing')}
                    />
                  )}
                  <Typography.Text type={present ? undefined : 'danger'}>{kind(k)}</Typography.Text>
                </Flex>
              );
            })}
          </Flex>
        )}
        {archive.isComplete && archive.archivedAt ? (
          <Typography.Text type="secondary">
            {t('contractDocuments.archive.archivedAt', { at: formatDateTime(archive.archivedAt) })}
          </Typography.Text>
        ) : null}
        {!archive.isComplete && archive.dueDate && !archive.isOverdue ? (
          <Typography.Text type="secondary">
            {t('contractDocuments.archive.dueDate', { date: formatDate(archive.dueDate) })}
          </Typography.Text>
        ) : null}
        {archive.isOverdue ? (
          <Alert
            type="error"
            showIcon
            title={t('contractDocuments.archive.overdueHint', { kinds: archive.missingKinds.map(kind).join('、') })}
          />
        ) : null}
        {!archive.presentKinds.includes('signed_original') ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('contractDocuments.archive.signHint')}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
