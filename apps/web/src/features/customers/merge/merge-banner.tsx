import { Alert, App, Button, Flex, Popconfirm, Typography } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useCustomerMerges, useUndoMerge } from './merge.queries.ts';

const SHORT = (value: string) => formatDateTime(value).slice(0, 16);

/** "Merged X into this customer — undo", while the merge can still be undone. */
export function MergeBanner({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const merges = useCustomerMerges(customerId);
  const undo = useUndoMerge();
  // The server lists only merges still within the undo window.
  const open = (merges.data?.items ?? []).filter((m) => m.undoneAt === null);
  if (open.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      {open.map((m) => (
        <Alert
          key={m.id}
          type="info"
          showIcon
          data-testid="merge-banner"
          title={t('merge.banner', { name: m.mergedName, by: m.actorName ?? '—', time: SHORT(m.createdAt) })}
          description={<Typography.Text type="secondary">{t('merge.undoUntil', { time: SHORT(m.undoUntil) })}</Typography.Text>}
          action={
            m.canUndo ? (
              <Popconfirm
                title={t('merge.undoConfirm')}
                okButtonProps={{ danger: true, loading: undo.isPending }}
                onConfirm={() =>
                  undo.mutate(m.id, { onSuccess: () => void message.success(t('merge.undone')), onError: (e) => showError(e) })
                }
              >
                <Button size="small" icon={<UndoOutlined />} data-testid="merge-undo">
                  {t('merge.undo')}
                </Button>
              </Popconfirm>
            ) : null
          }
        />
      ))}
    </Flex>
  );
}
