import { useState } from 'react';
import { Alert, Button, Flex, Modal, Radio, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TAnnexImportResult, TContract } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { annexTemplateUrl, useImportContractAnnex, type AnnexMode } from '../api/contracts.queries.ts';

/**
 * Imports the product-list annex (xlsx) into the working version's lines: replace them or append to
 * them. The rows that match no catalogue product are listed with the reason.
 */
export function AnnexImportModal({
  contract,
  open,
  onClose,
  onImported,
}: {
  contract: TContract;
  open: boolean;
  onClose: () => void;
  onImported: (contract: TContract) => void;
}) {
  const { t } = useTranslation();
  const showError = useApiError();
  const importAnnex = useImportContractAnnex();
  const [mode, setMode] = useState<AnnexMode>(contract.lines.length > 0 ? 'append' : 'replace');
  const [result, setResult] = useState<TAnnexImportResult | null>(null);

  const close = () => {
    setResult(null);
    onClose();
  };

  const upload = (file: File) =>
    importAnnex.mutate(
      { id: contract.id, file, mode },
      {
        onSuccess: (r) => {
          setResult(r);
          onImported(r.contract);
        },
        onError: (e) => showError(e),
      },
    );

  return (
    <Modal
      open={open}
      title={t('contracts.annex.title')}
      onCancel={close}
      footer={<Button onClick={close}>{result ? t('common.close') : t('common.cancel')}</Button>}
      width={720}
      destroyOnHidden
    >
      {result ? (
        <Flex vertical gap={12} data-testid="contract-annex-result">
          <Alert
            type={result.unmatched.length > 0 ? 'warning' : 'success'}
            showIcon
            title={t('contracts.annex.matched', { count: result.matchedRows })}
            description={result.unmatched.length > 0 ? t('contracts.annex.unmatchedHint', { count: result.unmatched.length }) : undefined}
          />
          {result.unmatched.length > 0 ? (
            <Table
              rowKey="row"
              size="small"
              pagination={false}
              dataSource={result.unmatched}
              scroll={{ x: 560, y: 320 }}
              data-testid="contract-annex-unmatched"
              columns={[
                { title: t('contracts.annex.row'), dataIndex: 'row', width: 70 },
                { title: t('contracts.lines.materialCode'), dataIndex: 'materialCode', width: 150, render: (v: string | null) => v ?? '—' },
                { title: t('contracts.lines.spec'), dataIndex: 'model', width: 150, render: (v: string | null) => v ?? '—' },
                {
                  title: t('contracts.annex.reason'),
                  dataIndex: 'reason',
                  render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text>,
                },
              ]}
            />
          ) : null}
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('contracts.annex.hint')}
          </Typography.Paragraph>
          <Flex gap={12} wrap align="center" justify="space-between">
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as AnnexMode)}
              options={[
                { value: 'append', label: t('contracts.annex.mode.append') },
                { value: 'replace', label: t('contracts.annex.mode.replace') },
              ]}
              data-testid="contract-annex-mode"
            />
            <Button icon={<DownloadOutlined />} href={annexTemplateUrl()} data-testid="contract-annex-template">
              {t('contracts.annex.template')}
            </Button>
          </Flex>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={importAnnex.isPending}
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
            data-testid="contract-annex-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{importAnnex.isPending ? t('contracts.annex.importing') : t('contracts.annex.drop')}</p>
            <p className="ant-upload-hint">{t('contracts.annex.dropHint')}</p>
          </Upload.Dragger>
        </Flex>
      )}
    </Modal>
  );
}
