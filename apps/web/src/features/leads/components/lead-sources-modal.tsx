import { useState } from 'react';
import { App, Button, Flex, Input, Modal, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TLeadSource } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useLeadSources, useUpdateLeadSources } from '../api/leads.queries.ts';

type Row = { key: string; id?: string; name: string; isActive: boolean };

const rowsOf = (sources: TLeadSource[]): Row[] => sources.map((s) => ({ key: s.id, id: s.id, name: s.name, isActive: s.isActive }));

/** The list of lead sources: rename, reorder, switch off, add. */
export function LeadSourcesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const sources = useLeadSources();
  return open && sources.data ? <SourcesEditor initial={sources.data} onClose={onClose} /> : null;
}

function SourcesEditor({ initial, onClose }: { initial: TLeadSource[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const save = useUpdateLeadSources();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(initial));

  const change = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    setRows(next);
  };
  const valid =
    rows.length > 0 && rows.every((r) => r.name.trim().length > 0) && new Set(rows.map((r) => r.name.trim())).size === rows.length;

  const submit = async () => {
    try {
      await save.mutateAsync({ sources: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim(), isActive: r.isActive })) });
      void message.success(t('leads.sources.saved'));
      onClose();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open
      title={t('leads.sources.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ disabled: !valid }}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="lead-sources-modal"
    >
      <Typography.Paragraph type="secondary">{t('leads.sources.intro')}</Typography.Paragraph>
      <Flex vertical gap={8}>
        {rows.map((r, i) => (
          <Flex key={r.key} gap={8} align="center">
            <Input
              value={r.name}
              maxLength={60}
              onChange={(e) => change(i, { name: e.target.value })}
              aria-label={t('leads.sources.name')}
              status={r.name.trim() ? undefined : 'error'}
            />
            <Switch checked={r.isActive} onChange={(v) => change(i, { isActive: v })} aria-label={t('leads.sources.active')} />
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={i === 0}
              onClick={() => move(i, -1)}
              aria-label={t('leads.sources.up')}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={i === rows.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t('leads.sources.down')}
            />
          </Flex>
        ))}
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => setRows([...rows, { key: `new-${rows.length}-${Date.now()}`, name: '', isActive: true }])}
        >
          {t('leads.sources.add')}
        </Button>
      </Flex>
    </Modal>
  );
}
