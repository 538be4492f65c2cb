import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { EditOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Permission, type TQuote } from '@crm/contracts';
import { currentLanguage } from '../../../shared/i18n/i18n.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { quoteExportUrl, useQuoteAction, type QuoteAction } from '../api/quotes.queries.ts';

type Dialog = null | { kind: 'approve' | 'refuse' | 'accept' | 'reject' };

/** The buttons for what the reader may do with the quote version shown, each confirmed where it matters. */
export function QuoteActions({ quote, onStale }: { quote: TQuote; onStale: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const showError = useApiError();
  const canExport = usePermission(Permission.quoteExport);
  const run = useQuoteAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ text?: string }>();
  const a = quote.actions;
  const version = quote.version;

  const perform = (action: QuoteAction, after?: (saved: TQuote) => void) =>
    new Promise<void>((resolve, reject) =>
      run.mutate(
        { id: quote.id, action },
        {
          onSuccess: (saved) => {
            void message.success(t('quotes.actions.done'));
            after?.(saved);
            resolve();
          },
          onError: (e) => {
            showError(e, { onStale });
            reject(e);
          },
        },
      ),
    );

  const confirm = (content: string, action: QuoteAction, after?: (saved: TQuote) => void) =>
    modal.confirm({ content, onOk: () => perform(action, after).catch(() => undefined) });

  const submitDialog = async () => {
    const { text } = await form.validateFields();
    if (!dialog) return;
    const action: QuoteAction =
      dialog.kind === 'approve' || dialog.kind === 'refuse'
        ? { kind: 'approval', version, decision: dialog.kind, comment: text?.trim() || null }
        : dialog.kind === 'accept'
          ? { kind: 'accept', version, note: text?.trim() || null }
          : { kind: 'reject', version, reason: text?.trim() ?? '' };
    await perform(action).then(
      () => setDialog(null),
      () => undefined,
    );
  };
  const open = (kind: NonNullable<Dialog>['kind']) => {
    form.resetFields();
    setDialog({ kind });
  };

  const needsApproval = quote.status === 'draft' && quote.approval.required;
  return (
    <>
      {a.edit ? (
        <Link to={`/quotes/${encodeURIComponent(quote.id)}/edit`}>
          <Button icon={<EditOutlined />} data-testid="quote-edit">
            {t('quotes.actions.edit')}
          </Button>
        </Link>
      ) : null}
      {a.submit && needsApproval ? (
        <Button
          type="primary"
          onClick={() => void perform({ kind: 'submit', version }).catch(() => undefined)}
          loading={run.isPending}
          data-testid="quote-submit"
        >
          {t('quotes.actions.submitForApproval')}
        </Button>
      ) : null}
      {a.withdraw ? (
        <Button onClick={() => void perform({ kind: 'withdraw', version }).catch(() => undefined)} data-testid="quote-withdraw">
          {t('quotes.actions.withdraw')}
        </Button>
      ) : null}
      {a.approve ? (
        <>
          <Button type="primary" onClick={() => open('approve')} data-testid="quote-approve">
            {t('quotes.actions.approve')}
          </Button>
          <Button danger onClick={() => open('refuse')} data-testid="quote-refuse">
            {t('quotes.actions.refuse')}
          </Button>
        </>
      ) : null}
      {a.send ? (
        <Button type="primary" onClick={() => confirm(t('quotes.actions.confirmSend'), { kind: 'send', version })} data-testid="quote-send">
          {t('quotes.actions.send')}
        </Button>
      ) : null}
      {a.accept ? (
        <Button type="primary" onClick={() => open('accept')} data-testid="quote-accept">
          {t('quotes.actions.accept')}
        </Button>
      ) : null}
      {a.reject ? (
        <Button danger onClick={() => open('reject')} data-testid="quote-reject">
          {t('quotes.actions.reject')}
        </Button>
      ) : null}
      {a.newVersion ? (
        <Button
          onClick={() =>
            confirm(t('quotes.actions.confirmNewVersion'), { kind: 'newVersion', version }, (saved) =>
              navigate(`/quotes/${encodeURIComponent(saved.id)}/edit`),
            )
          }
          data-testid="quote-new-version"
        >
          {t('quotes.actions.newVersion')}
        </Button>
      ) : null}
      <Link to={`/quotes/${encodeURIComponent(quote.id)}/print?version=${quote.versionNo}`} target="_blank">
        <Button icon={<PrinterOutlined />} data-testid="quote-print">
          {t('quotes.actions.print')}
        </Button>
      </Link>
      {canExport ? (
        <Button icon={<FileExcelOutlined />} href={quoteExportUrl(quote.id, quote.versionNo, currentLanguage())} data-testid="quote-export">
          {t('quotes.actions.export')}
        </Button>
      ) : null}
      <Modal
        open={dialog !== null}
        title={dialog ? t(`quotes.actions.${dialog.kind}`) : ''}
        onCancel={() => setDialog(null)}
        onOk={() => void submitDialog()}
        confirmLoading={run.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="text"
            label={
              dialog?.kind === 'reject'
                ? t('quotes.actions.rejectReason')
                : dialog?.kind === 'accept'
                  ? t('quotes.actions.acceptNote')
                  : t('quotes.approval.comment')
            }
            rules={
              dialog?.kind === 'reject' || dialog?.kind === 'refuse'
                ? [{ required: true, whitespace: true, message: t('validation.required') }]
                : []
            }
          >
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={1000}
              placeholder={
                dialog?.kind === 'reject'
                  ? t('quotes.actions.rejectReasonPlaceholder')
                  : dialog?.kind === 'refuse'
                    ? t('quotes.approval.refuseCommentPlaceholder')
                    : t('quotes.approval.commentPlaceholder')
              }
              data-testid="quote-dialog-text"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
