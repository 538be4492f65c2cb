import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TDuplicateMatch } from '@crm/contracts';
import { DuplicateMatchList } from './duplicate-matches.tsx';

interface Props {
  open: boolean;
  matches: readonly TDuplicateMatch[];
  /** "Create anyway" / "Save anyway". */
  confirmText: string;
  loading: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The server warned of similar customers: list them and let the user save anyway (acknowledgeDuplicates). */
export function DuplicateConfirmModal({ open, matches, confirmText, loading, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('duplicates.confirmTitle')}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="confirm" type="primary" danger loading={loading} onClick={onConfirm} data-testid="duplicate-confirm">
          {confirmText}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('duplicates.confirmIntro')}</Typography.Paragraph>
      <DuplicateMatchList matches={matches} onNavigate={onCancel} />
    </Modal>
  );
}
