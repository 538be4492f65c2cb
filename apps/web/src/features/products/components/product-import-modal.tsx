import { useState } from 'react';
import { Alert, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TProductImportReport, TProductImportRowError } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useImportProducts } from '../api/products.queries.ts';

const COLUMN_LABELS = new Set([
  'materialCode',
  'name',
  'model',
  'unit',
  'category',
  'listPrice',
  'floorPrice',
  'standardCost',
  'taxRate',
  'warrantyMonths',
  'leadTimeDays',
  'status',
]);

/** Upload an xlsx catalogue, validate every row, and write it only when all rows are valid. */
export function ProductImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const showError = useApiError();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<TProductImportReport | null>(null);
  const importer = useImportProducts();

  const run = (dryRun: boolean) => {
    if (!file) return;
    importer.mutate({ file, dryRun }, { onSuccess: setReport, onError: (e) => showError(e) });
  };
  const close = () => {
    setFile(null);
    setReport(null);
    onClose();
  };
  const columnLabel = (column: string | null) =>
    column && COLUMN_LABELS.has(column) ? t(`products.${column as 'materialCode'}`) : (column ?? '—');

  return (
    <Modal
      open={open}
      title={t('products.importDialog.title')}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={close}>{t('common.close')}</Button>
          <Button
            disabled={!file}
            loading={importer.isPending && importer.variables?.dryRun}
            onClick={() => run(true)}
            data-testid="product-import-validate"
          >
            {t('products.importDialog.validate')}
          </Button>
          <Button
            type="primary"
            disabled={!file}
            loading={importer.isPending && !importer.variables?.dryRun}
            onClick={() => run(false)}
            data-testid="product-import-apply"
          >
            {t('products.importDialog.apply')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph>{t('products.importDialog.hint')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('products.importDialog.templateHint')}</Typography.Paragraph>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setReport(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setReport(null);
        }}
        fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
      >
        <Button icon={<UploadOutlined />} data-testid="product-import-pick">
          {t('products.importDialog.pick')}
        </Button>
      </Upload>
      {report ? (
        <div style={{ marginTop: 16 }} data-testid="product-import-report">
          {report.errors.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                title={t('products.importDialog.failed', { count: report.errors.length })}
                style={{ marginBottom: 12 }}
              />
              <Table<TProductImportRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.code}`}
                dataSource={report.errors}
                pagination={report.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                scroll={{ x: 520 }}
                columns={[
                  { key: 'row', title: t('products.importDialog.row'), width: 64, render: (_, e) => e.row },
                  { key: 'code', title: t('products.materialCode'), width: 130, render: (_, e) => e.materialCode ?? '—' },
                  { key: 'column', title: t('products.importDialog.column'), width: 120, render: (_, e) => columnLabel(e.column) },
                  { key: 'problem', title: t('products.importDialog.problem'), render: (_, e) => e.message },
                ]}
              />
            </>
          ) : (
            <Alert
              type="success"
              showIcon
              title={t(report.applied ? 'products.importDialog.applied' : 'products.importDialog.validated', {
                created: report.created,
                updated: report.updated,
                unchanged: report.unchanged,
              })}
            />
          )}
        </div>
      ) : null}
    </Modal>
  );
}
