import { useEffect } from 'react';
import { App, Button, Drawer, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZCreateLead, type TLead } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { useCreateLead, useLeadSources } from '../api/leads.queries.ts';

interface Values {
  companyName: string;
  contactName?: string;
  mobile?: string;
  source?: string;
  notes?: string;
}

const field = ZCreateLead.shape;

/** The sources as large buttons: one tap chooses, a second tap clears. */
function SourceChips({ options, value, onChange }: { options: string[]; value?: string | null; onChange?: (v: string | null) => void }) {
  return (
    <Flex wrap gap={8} role="radiogroup" data-testid="quick-source">
      {options.map((name) => (
        <Button
          key={name}
          role="radio"
          aria-checked={value === name}
          type={value === name ? 'primary' : 'default'}
          onClick={() => onChange?.(value === name ? null : name)}
          autoInsertSpace={false}
          style={{ minWidth: 96, height: 44 }}
        >
          {name}
        </Button>
      ))}
    </Flex>
  );
}

/**
 * Quick entry on a phone (at a trade fair, after a call): the company, who and how to reach them,
 * where the lead came from; large fields and buttons, one hand. The rest is added later.
 */
export function LeadQuickEntry({
  open,
  onClose,
  onSaved,
  onMore,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (lead: TLead) => void;
  /** Switches to the full form. */
  onMore: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const isMobile = useIsMobile();
  const sources = useLeadSources();
  const create = useCreateLead();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const save = async (next: boolean) => {
    const v = await form.validateFields();
    try {
      const lead = await create.mutateAsync({
        companyName: v.companyName.trim(),
        contactName: emptyToNull(v.contactName),
        mobile: emptyToNull(v.mobile),
        source: v.source ?? null,
        notes: emptyToNull(v.notes),
      });
      void message.success(t('leads.createdToast'));
      if (next) {
        // The source usually stays the same for a series of entries (e.g. one exhibition).
        form.resetFields();
        form.setFieldsValue({ source: v.source });
      } else onSaved(lead);
    } catch (e) {
      showError(e, { form });
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('leads.quick.title')}
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? '100%' : 480}
      destroyOnHidden
      styles={{ body: { paddingBottom: 24 } }}
      data-testid="lead-quick-entry"
    >
      <Typography.Paragraph type="secondary">{t('leads.quick.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" size="large" requiredMark={false}>
        <Form.Item name="companyName" label={t('leads.fields.companyName')} rules={[requiredRule(), zodRule(field.companyName)]}>
          <Input maxLength={200} placeholder={t('leads.placeholders.companyName')} data-testid="quick-company" />
        </Form.Item>
        <Form.Item name="contactName" label={t('leads.fields.contactName')} rules={[zodRule(field.contactName)]}>
          <Input maxLength={60} placeholder={t('leads.placeholders.contactName')} data-testid="quick-contact" />
        </Form.Item>
        <Form.Item name="mobile" label={t('leads.fields.mobile')} rules={[zodRule(field.mobile, () => t('validation.invalid'))]}>
          <Input type="tel" inputMode="tel" maxLength={20} placeholder={t('leads.placeholders.mobile')} data-testid="quick-mobile" />
        </Form.Item>
        <Form.Item name="source" label={t('leads.fields.source')}>
          <SourceChips options={(sources.data ?? []).filter((s) => s.isActive).map((s) => s.name)} />
        </Form.Item>
        <Form.Item name="notes" label={t('leads.fields.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder={t('leads.placeholders.notes')} />
        </Form.Item>
      </Form>
      <Flex vertical gap={12}>
        <Button type="primary" size="large" block loading={create.isPending} onClick={() => void save(false)} data-testid="quick-save">
          {t('leads.quick.save')}
        </Button>
        <Button size="large" block disabled={create.isPending} onClick={() => void save(true)} data-testid="quick-save-next">
          {t('leads.quick.saveAndNext')}
        </Button>
        <Button type="link" onClick={onMore}>
          {t('leads.quick.more')}
        </Button>
      </Flex>
    </Drawer>
  );
}
