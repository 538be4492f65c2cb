import { useEffect } from 'react';
import { App, Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission, ZCreateLead, type TCreateLead, type TLead, type TUpdateLead } from '@crm/contracts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { provinceOptions } from '../../customers/components/provinces.ts';
import { UserSelect } from '../../users/components/user-select.tsx';
import { useCreateLead, useLeadSources, useUpdateLead } from '../api/leads.queries.ts';

export type LeadDrawerState = { mode: 'create' } | { mode: 'edit'; lead: TLead } | null;

interface FormValues {
  companyName: string;
  contactName?: string | null;
  title?: string | null;
  mobile?: string | null;
  email?: string | null;
  province?: string | null;
  city?: string | null;
  industry?: string | null;
  source?: string | null;
  notes?: string | null;
  ownerId?: string | null;
}

const field = ZCreateLead.shape;

function valuesOf(lead: TLead): FormValues {
  return {
    companyName: lead.companyName,
    contactName: lead.contactName,
    title: lead.title,
    mobile: lead.mobile,
    email: lead.email,
    province: lead.province,
    city: lead.city,
    industry: lead.industry,
    source: lead.source,
    notes: lead.notes,
  };
}

function bodyOf(v: FormValues) {
  return {
    companyName: v.companyName.trim(),
    contactName: emptyToNull(v.contactName),
    title: emptyToNull(v.title),
    mobile: emptyToNull(v.mobile),
    email: emptyToNull(v.email),
    province: v.province ?? null,
    city: emptyToNull(v.city),
    industry: emptyToNull(v.industry),
    source: v.source ?? null,
    notes: emptyToNull(v.notes),
  };
}

/** The full lead form, to create (desktops) or to edit. */
export function LeadFormDrawer({
  state,
  onClose,
  onSaved,
  onStale,
}: {
  state: LeadDrawerState;
  onClose: () => void;
  onSaved: (lead: TLead) => void;
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const sources = useLeadSources();
  const canAssign = usePermission(Permission.leadAssign);
  const create = useCreateLead();
  const update = useUpdateLead();
  const editing = state?.mode === 'edit' ? state.lead : null;

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'edit') form.setFieldsValue(valuesOf(state.lead));
  }, [state, form]);

  const activeSources = (sources.data ?? []).filter((s) => s.isActive || s.name === editing?.source);

  const submit = async () => {
    const values = await form.validateFields();
    const body = bodyOf(values);
    try {
      if (editing) {
        const saved = await update.mutateAsync({ id: editing.id, body: { ...body, version: editing.version } satisfies TUpdateLead });
        void message.success(t('leads.savedToast'));
        onSaved(saved);
      } else {
        const saved = await create.mutateAsync({ ...body, ...(values.ownerId ? { ownerId: values.ownerId } : {}) } satisfies TCreateLead);
        void message.success(t('leads.createdToast'));
        onSaved(saved);
      }
    } catch (e) {
      showError(e, { form, onStale });
    }
  };

  return (
    <ResponsiveDrawer
      open={state !== null}
      title={editing ? t('leads.edit') : t('leads.create')}
      onClose={onClose}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => void submit()}
            data-testid="lead-form-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues> form={form} layout="vertical" requiredMark data-testid="lead-form">
        <Form.Item name="companyName" label={t('leads.fields.companyName')} required rules={[requiredRule(), zodRule(field.companyName)]}>
          <Input maxLength={200} placeholder={t('leads.placeholders.companyName')} data-testid="lead-company" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item
            name="contactName"
            label={t('leads.fields.contactName')}
            rules={[zodRule(field.contactName)]}
            style={{ flex: '1 1 160px' }}
          >
            <Input maxLength={60} placeholder={t('leads.placeholders.contactName')} data-testid="lead-contact" />
          </Form.Item>
          <Form.Item name="title" label={t('leads.fields.title')} style={{ flex: '1 1 160px' }}>
            <Input maxLength={60} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item
            name="mobile"
            label={t('leads.fields.mobile')}
            rules={[zodRule(field.mobile, () => t('validation.invalid'))]}
            style={{ flex: '1 1 160px' }}
          >
            <Input inputMode="tel" maxLength={20} placeholder={t('leads.placeholders.mobile')} data-testid="lead-mobile" />
          </Form.Item>
          <Form.Item name="email" label={t('leads.fields.email')} rules={[zodRule(field.email)]} style={{ flex: '1 1 160px' }}>
            <Input inputMode="email" maxLength={128} data-testid="lead-email" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="province" label={t('leads.fields.province')} style={{ flex: '1 1 140px' }}>
            <Select allowClear showSearch options={provinceOptions} placeholder={t('leads.placeholders.province')} />
          </Form.Item>
          <Form.Item name="city" label={t('leads.fields.city')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={30} placeholder={t('leads.placeholders.city')} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="industry" label={t('leads.fields.industry')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="source" label={t('leads.fields.source')} style={{ flex: '1 1 140px' }}>
            <Select
              allowClear
              placeholder={t('leads.placeholders.source')}
              options={activeSources.map((s) => ({ value: s.name, label: s.name }))}
              data-testid="lead-source"
            />
          </Form.Item>
        </div>
        {!editing && canAssign ? (
          <Form.Item name="ownerId" label={t('leads.fields.owner')}>
            <UserSelect placeholder={t('leads.assign.ownerPlaceholder')} data-testid="lead-owner" />
          </Form.Item>
        ) : null}
        <Form.Item name="notes" label={t('leads.fields.notes')}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('leads.placeholders.notes')} />
        </Form.Item>
      </Form>
    </ResponsiveDrawer>
  );
}
