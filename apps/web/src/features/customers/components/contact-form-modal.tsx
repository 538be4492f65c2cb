import { useEffect } from 'react';
import { App, Button, Form, Input, Modal, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZContactInput, type TContact, type TContactInput, type TUpdateContact } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { useAddContact, useUpdateContact } from '../api/customers.queries.ts';

export type ContactModalState = { mode: 'create' } | { mode: 'edit'; contact: TContact } | null;

interface Values {
  name: string;
  title?: string | null;
  mobile?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
  isPrimary?: boolean;
  notes?: string | null;
}

interface Props {
  customerId: string;
  state: ContactModalState;
  /** A new customer's first contact becomes the primary one anyway. */
  firstContact: boolean;
  onClose: () => void;
  /** Reload the customer after a stale-version refusal. */
  onStale: () => void;
}

function inputOf(v: Values): TContactInput {
  return {
    name: v.name.trim(),
    title: emptyToNull(v.title),
    mobile: emptyToNull(v.mobile),
    phone: emptyToNull(v.phone),
    email: emptyToNull(v.email),
    wechat: emptyToNull(v.wechat),
    isPrimary: !!v.isPrimary,
    notes: emptyToNull(v.notes),
  };
}

/** Only the changed fields: contacts of a pool customer arrive masked and must not be written back as such. */
function changes(contact: TContact, next: TContactInput): Omit<TUpdateContact, 'version'> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof TContactInput)[]) {
    const before = key === 'isPrimary' ? contact.isPrimary : (contact[key] ?? null);
    if (next[key] !== before) out[key] = next[key];
  }
  return out;
}

export function ContactFormModal({ customerId, state, firstContact, onClose, onStale }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddContact();
  const update = useUpdateContact();
  const showError = useApiError();
  const editing = state?.mode === 'edit' ? state.contact : null;
  const saving = add.isPending || update.isPending;
  const shape = ZContactInput.shape;

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing });
    else form.setFieldsValue({ isPrimary: firstContact });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, editing?.version]);

  const onFinish = (values: Values) => {
    const input = inputOf(values);
    const onError = (e: unknown) => showError(e, { form, onStale });
    if (!editing) {
      add.mutate(
        { customerId, body: input },
        {
          onSuccess: () => {
            void message.success(t('contacts.created'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const body = changes(editing, input);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { customerId, contactId: editing.id, body: { ...body, version: editing.version } },
      {
        onSuccess: () => {
          void message.success(t('contacts.updated'));
          onClose();
        },
        onError,
      },
    );
  };

  return (
    <Modal
      open={!!state}
      title={editing ? t('contacts.edit') : t('contacts.add')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={saving} onClick={() => form.submit()} data-testid="form-submit">
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={saving} autoComplete="off" style={{ marginTop: 16 }}>
        <div className="form-two-columns">
          <Form.Item name="name" label={t('contacts.name')} rules={[requiredRule(), zodRule(shape.name)]}>
            <Input maxLength={60} data-testid="contact-name" />
          </Form.Item>
          <Form.Item name="title" label={t('contacts.position')} rules={[zodRule(shape.title)]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="mobile" label={t('contacts.mobile')} rules={[zodRule(shape.mobile, () => t('contacts.mobileInvalid'))]}>
            <Input maxLength={20} inputMode="tel" data-testid="contact-mobile" />
          </Form.Item>
          <Form.Item name="phone" label={t('contacts.phone')} rules={[zodRule(shape.phone)]}>
            <Input maxLength={40} inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('contacts.email')} rules={[zodRule(shape.email)]}>
            <Input maxLength={128} inputMode="email" data-testid="contact-email" />
          </Form.Item>
          <Form.Item name="wechat" label={t('contacts.wechat')} rules={[zodRule(shape.wechat)]}>
            <Input maxLength={60} />
          </Form.Item>
        </div>
        <Form.Item name="notes" label={t('contacts.notes')} rules={[zodRule(shape.notes)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="isPrimary" label={t('contacts.setPrimary')} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Switch data-testid="contact-primary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
