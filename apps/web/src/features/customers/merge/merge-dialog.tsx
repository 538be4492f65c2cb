import { useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Radio, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCustomer, TMergeableField, TMergeSide } from '@crm/contracts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useCustomer } from '../api/customers.queries.ts';
import { MERGE_FIELD_LABEL, differingFields, displayValue } from './merge-fields.ts';
import { useCustomerMerges, useMergeCandidates, useMergeCustomers } from './merge.queries.ts';

interface Props {
  open: boolean;
  survivor: TCustomer;
  onClose: () => void;
}

function ValueText({ value }: { value: string | null }) {
  const { t } = useTranslation();
  return value === null ? (
    <Typography.Text type="secondary">{t('merge.empty')}</Typography.Text>
  ) : (
    <span style={{ wordBreak: 'break-word' }}>{value}</span>
  );
}

function FieldChoice({
  field,
  survivor,
  merged,
  value,
  onChange,
}: {
  field: TMergeableField;
  survivor: TCustomer;
  merged: TCustomer;
  value: TMergeSide;
  onChange: (side: TMergeSide) => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`merge-field-${field}`}>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        {t(MERGE_FIELD_LABEL[field])}
      </Typography.Text>
      <Radio.Group value={value} onChange={(e) => onChange(e.target.value as TMergeSide)} style={{ width: '100%' }}>
        <Flex vertical={isMobile} gap={isMobile ? 6 : 16}>
          <Radio value="survivor" style={{ flex: 1, minWidth: 0 }} data-testid={`merge-field-${field}-survivor`}>
            <ValueText value={displayValue(t, survivor, field)} />
          </Radio>
          <Radio value="merged" style={{ flex: 1, minWidth: 0 }} data-testid={`merge-field-${field}-merged`}>
            <ValueText value={displayValue(t, merged, field)} />
          </Radio>
        </Flex>
      </Radio.Group>
    </div>
  );
}

/** 客户合并: pick the duplicate, choose per differing field whose value stays, give a reason, confirm. */
export function MergeDialog({ open, survivor, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const [mergedId, setMergedId] = useState<string | null>(null);
  const [step, setStep] = useState<'pick' | 'compare'>('pick');
  const [choices, setChoices] = useState<Partial<Record<TMergeableField, TMergeSide>>>({});
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const candidates = useMergeCandidates(q, survivor.id);
  const mergedDetail = useCustomer(mergedId);
  const merge = useMergeCustomers();
  const undoHours = useCustomerMerges(survivor.id).data?.undoWindowHours ?? 24;
  const merged = mergedDetail.data?.customer;
  const fields = useMemo(() => (merged ? differingFields(survivor, merged) : []), [survivor, merged]);

  const reset = () => {
    setSearch('');
    setMergedId(null);
    setStep('pick');
    setChoices({});
    setReason('');
    setReasonError(false);
  };
  const close = () => {
    reset();
    onClose();
  };
  const confirm = () => {
    if (!mergedId) return;
    if (!reason.trim()) {
      setReasonError(true);
      return;
    }
    merge.mutate(
      { survivorId: survivor.id, body: { mergedId, fields: choices, reason: reason.trim() } },
      {
        onSuccess: () => {
          void message.success(t('merge.done'));
          close();
        },
        onError: (e) => showError(e),
      },
    );
  };

  const footer =
    step === 'pick' ? (
      <Flex justify="flex-end" gap={8}>
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={!merged} onClick={() => setStep('compare')} data-testid="merge-next">
          {t('merge.next')}
        </Button>
      </Flex>
    ) : (
      <Flex justify="flex-end" gap={8}>
        <Button onClick={() => setStep('pick')}>{t('merge.back')}</Button>
        <Button type="primary" danger loading={merge.isPending} onClick={confirm} data-testid="merge-confirm">
          {t('merge.confirm')}
        </Button>
      </Flex>
    );

  return (
    <Modal
      open={open}
      title={t('merge.title')}
      onCancel={close}
      footer={footer}
      width={isMobile ? '100%' : 760}
      style={isMobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      destroyOnHidden
      data-testid="merge-dialog"
    >
      {step === 'pick' ? (
        <Form layout="vertical">
          <Form.Item label={t('merge.pickLabel')}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              value={mergedId ?? undefined}
              onChange={(id: string) => {
                setMergedId(id);
                setChoices({});
              }}
              placeholder={t('merge.pickPlaceholder')}
              notFoundContent={
                candidates.isFetching ? (
                  <Spin size="small" />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('merge.noCandidates')} />
                )
              }
              options={(candidates.data ?? []).map((c) => ({
                value: c.id,
                label: c.ownerName ? `${c.name}（${c.ownerName}）` : c.name,
              }))}
              data-testid="merge-pick"
            />
          </Form.Item>
          {mergedId && mergedDetail.isPending ? <Spin /> : null}
        </Form>
      ) : merged ? (
        <>
          <Flex gap={isMobile ? 6 : 16} vertical={isMobile} style={{ marginBottom: 8 }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text type="secondary">{t('merge.survivor')}</Typography.Text>
              <Typography.Title level={5} style={{ margin: 0, wordBreak: 'break-word' }}>
                {survivor.name}
              </Typography.Title>
            </div>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text type="secondary">{t('merge.merged')}</Typography.Text>
              <Typography.Title level={5} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="merge-merged-name">
                {merged.name}
              </Typography.Title>
            </div>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {fields.length > 0 ? t('merge.differingHint') : t('merge.noDifferences')}
          </Typography.Paragraph>
          <div style={{ maxHeight: isMobile ? undefined : 360, overflowY: 'auto' }}>
            {fields.map((field) => (
              <FieldChoice
                key={field}
                field={field}
                survivor={survivor}
                merged={merged}
                value={choices[field] ?? 'survivor'}
                onChange={(side) => setChoices((c) => ({ ...c, [field]: side }))}
              />
            ))}
          </div>
          <Alert type="warning" showIcon style={{ margin: '12px 0' }} title={t('merge.moves', { hours: undoHours })} />
          <Form layout="vertical">
            <Form.Item
              label={t('merge.reason')}
              required
              validateStatus={reasonError ? 'error' : undefined}
              help={reasonError ? t('merge.reasonRequired') : undefined}
            >
              <Input.TextArea
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonError(false);
                }}
                autoSize={{ minRows: 2, maxRows: 4 }}
                maxLength={500}
                placeholder={t('merge.reasonPlaceholder')}
                data-testid="merge-reason"
              />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
