import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Collapse, Divider, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ZContactInput,
  ZCreateCustomer,
  ZCustomerStatusValues,
  ZCustomerTypeValues,
  type TCreateCustomer,
  type TCustomer,
  type TCustomerStatus,
  type TCustomerType,
  type TDuplicateCheckRequest,
  type TDuplicateMatch,
  type TUpdateCustomer,
} from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { applyFieldErrors } from '../../../shared/ui/apply-field-errors.ts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { customersQueryKeys, duplicateProblem, useCreateCustomer, useDuplicateCheck, useUpdateCustomer } from '../api/customers.queries.ts';
import { DuplicateConfirmModal } from './duplicate-confirm-modal.tsx';
import { DuplicatePanel, type DuplicateVerdict } from './duplicate-matches.tsx';
import { provinceOptions } from './provinces.ts';
import { RegistryNameInput } from '../registry/registry-name-input.tsx';
import type { TRegistryCompany } from '@crm/contracts';

export type CustomerDrawerState = { mode: 'create' } | { mode: 'edit'; customer: TCustomer } | null;

interface ContactValues {
  name?: string;
  title?: string;
  mobile?: string;
  email?: string;
}

interface FormValues {
  name: string;
  shortName?: string | null;
  creditCode?: string | null;
  type?: TCustomerType;
  status?: TCustomerStatus;
  industry?: string | null;
  country?: string;
  province?: string | null;
  city?: string | null;
  address?: string | null;
  source?: string | null;
  creditLimit?: string | null;
  creditDays?: number | null;
  tags?: string[];
  taxId?: string | null;
  billingAddress?: string | null;
  billingPhone?: string | null;
  bankName?: string | null;
  bankAccount?: string | null;
  contact?: ContactValues;
}

interface Props {
  state: CustomerDrawerState;
  onClose: () => void;
  onSaved: (customer: TCustomer) => void;
  /** Reload the record after a stale-version refusal (edit only). */
  onStale?: () => void;
}

type CustomerFields = Omit<TCreateCustomer, 'contacts' | 'ownerId' | 'acknowledgeDuplicates' | 'type'> & { type?: TCustomerType };

const DOMESTIC = '中国';
/** Account numbers the reader may not see arrive as "****1234": never send those back. */
const isMasked = (value: string | null | undefined) => !!value && value.includes('*');
const moneyText = (value: string | null | undefined) => (value ?? '').replace(/[,，\s]/g, '');

function valuesOf(c: TCustomer): FormValues {
  return {
    name: c.name,
    shortName: c.shortName,
    creditCode: c.creditCode,
    type: c.type,
    status: c.status,
    industry: c.industry,
    country: c.country,
    province: c.province,
    city: c.city,
    address: c.address,
    source: c.source,
    creditLimit: c.creditLimit,
    creditDays: c.creditDays,
    tags: c.tags,
    taxId: c.taxId,
    billingAddress: c.billingAddress,
    billingPhone: c.billingPhone,
    bankName: c.bankName,
    bankAccount: isMasked(c.bankAccount) ? null : c.bankAccount,
  };
}

/** The form's values as the API wants them: trimmed, '' → null, credit code upper-case, no thousands separators. */
function fieldsOf(v: FormValues): CustomerFields {
  const creditCode = emptyToNull(v.creditCode);
  const creditLimit = emptyToNull(moneyText(v.creditLimit));
  return {
    name: v.name.trim(),
    shortName: emptyToNull(v.shortName),
    creditCode: creditCode ? creditCode.toUpperCase() : null,
    type: v.type,
    status: v.status,
    industry: emptyToNull(v.industry),
    country: emptyToNull(v.country) ?? undefined,
    province: emptyToNull(v.province),
    city: emptyToNull(v.city),
    address: emptyToNull(v.address),
    source: emptyToNull(v.source),
    creditLimit,
    creditDays: v.creditDays ?? null,
    tags: (v.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    taxId: emptyToNull(v.taxId),
    billingAddress: emptyToNull(v.billingAddress),
    billingPhone: emptyToNull(v.billingPhone),
    bankName: emptyToNull(v.bankName),
    bankAccount: emptyToNull(v.bankAccount),
  };
}

/** Only what changed goes into the PATCH: an untouched name or credit code is not checked for duplicates again. */
function changedFields(current: TCustomer, next: CustomerFields): Partial<CustomerFields> {
  const before = fieldsOf(valuesOf(current));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof CustomerFields)[]) {
    if (next[key] === undefined) continue;
    if (key === 'bankAccount' && next.bankAccount === null && isMasked(current.bankAccount)) continue;
    // "5000000" and "5000000.00" are the same amount (compared as text: money never becomes a float).
    if (key === 'creditLimit' && next.creditLimit && current.creditLimit && sameAmount(next.creditLimit, current.creditLimit)) continue;
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) changes[key] = next[key];
  }
  return changes as Partial<CustomerFields>;
}

function sameAmount(a: string, b: string): boolean {
  const canonical = (s: string) => {
    const [whole = '', fraction = ''] = s.replace(/^(-?)0+(?=\d)/, '$1').split('.');
    return `${whole}.${fraction.replace(/0+$/, '')}`;
  };
  return canonical(a) === canonical(b);
}

function contactOf(c: ContactValues | undefined) {
  const name = emptyToNull(c?.name);
  if (!name) return null;
  return {
    name,
    title: emptyToNull(c?.title),
    mobile: emptyToNull(c?.mobile),
    email: emptyToNull(c?.email),
    isPrimary: true,
  };
}

interface Refusal {
  verdict: DuplicateVerdict;
  matches: TDuplicateMatch[];
}

export function CustomerFormDrawer({ state, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const editing = state?.mode === 'edit' ? state.customer : null;
  const shape = ZCreateCustomer.shape;
  const contactShape = ZContactInput.shape;
  const saving = create.isPending || update.isPending;
  /** The server refused the save because the customer exists: its answer replaces the live check. */
  const [refused, setRefused] = useState<Refusal | null>(null);
  /** The company picked from the business registry: its snapshot is saved with the new customer. */
  const [registryPick, setRegistryPick] = useState<TRegistryCompany | null>(null);
  /** The server warned of similar customers: confirm to save anyway. */
  const [confirming, setConfirming] = useState<{ matches: TDuplicateMatch[]; retry: () => void } | null>(null);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (editing) form.setFieldsValue(valuesOf(editing));
    else form.setFieldsValue({ type: undefined, status: 'prospect', country: DOMESTIC, tags: [] });
    // Reset when the drawer opens or the record's version moves (stale edit reloaded).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, editing?.version]);

  // The live duplicate check: name, credit code and the first contact's mobile and e-mail.
  const name = Form.useWatch('name', form);
  const creditCode = Form.useWatch('creditCode', form);
  const mobile = Form.useWatch(['contact', 'mobile'], form);
  const email = Form.useWatch(['contact', 'email'], form);
  const type = Form.useWatch('type', form);
  const country = Form.useWatch('country', form);
  const request = useMemo<TDuplicateCheckRequest | null>(() => {
    if (!state) return null;
    const trimmedName = (name ?? '').trim();
    const code = (creditCode ?? '').trim().toUpperCase();
    // Editing: the server checks again only when the name or the credit code changes; so do we.
    if (editing && trimmedName === editing.name && code === (editing.creditCode ?? '')) return null;
    if (trimmedName.length < 2) return null;
    const phone = (mobile ?? '').trim();
    const mail = (email ?? '').trim();
    return {
      name: trimmedName.slice(0, 200),
      creditCode: code ? code.slice(0, 18) : undefined,
      phones: phone.replace(/\D/g, '').length >= 5 ? [phone.slice(0, 40)] : undefined,
      emails: mail.includes('@') ? [mail.slice(0, 128)] : undefined,
      excludeId: editing?.id,
    };
  }, [state, editing, name, creditCode, mobile, email]);
  const debounced = useDebouncedValue(request, 400);
  const check = useDuplicateCheck(request ? debounced : null);
  const live = request && check.data ? check.data : null;
  const checking = !!request && (request !== debounced || check.isFetching);

  const submit = (values: FormValues, acknowledgeDuplicates?: boolean) => {
    const fields = fieldsOf(values);
    const onError = (e: unknown, retry: () => void) => {
      const duplicate = duplicateProblem(e);
      if (duplicate?.verdict === 'warn') {
        setConfirming({ matches: duplicate.matches, retry });
        return;
      }
      if (duplicate?.verdict === 'block' && isApiError(e)) {
        // The panel lists the existing customers; the server's message goes onto the name or credit code field.
        setRefused(duplicate);
        applyFieldErrors(form, e.fieldErrors);
        return;
      }
      showError(e, {
        form,
        onStale: () => {
          onStale?.();
          void queryClient.invalidateQueries({ queryKey: customersQueryKeys.lists() });
        },
      });
    };
    const done = (customer: TCustomer, text: string) => {
      setConfirming(null);
      setRefused(null);
      setRegistryPick(null);
      void message.success(text);
      onSaved(customer);
    };

    if (!editing) {
      const contact = contactOf(values.contact);
      const body: TCreateCustomer = {
        ...fields,
        type: fields.type ?? 'other',
        contacts: contact ? [contact] : undefined,
        acknowledgeDuplicates: acknowledgeDuplicates || undefined,
        registry: registryPick && registryPick.fields.creditCode === fields.creditCode ? registryPick.registry : undefined,
      };
      create.mutate(body, {
        onSuccess: (customer) => done(customer, t('customers.created')),
        onError: (e) => onError(e, () => submit(values, true)),
      });
      return;
    }
    const changes = changedFields(editing, fields);
    if (Object.keys(changes).length === 0) {
      done(editing, t('customers.updated'));
      return;
    }
    const body: TUpdateCustomer = { ...changes, version: editing.version, acknowledgeDuplicates: acknowledgeDuplicates || undefined };
    update.mutate(
      { id: editing.id, body },
      {
        onSuccess: (customer) => done(customer, t('customers.updated')),
        onError: (e) => onError(e, () => submit(values, true)),
      },
    );
  };

  const close = () => {
    setConfirming(null);
    setRefused(null);
    setRegistryPick(null);
    onClose();
  };

  const panel: Refusal | null = refused ?? (live ? { verdict: live.verdict, matches: live.matches } : null);
  const showCountry = type === 'overseas' || (!!country && country !== DOMESTIC);

  return (
    <ResponsiveDrawer
      open={!!state}
      title={editing ? t('customers.edit') : t('customers.create')}
      onClose={close}
      width={640}
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => submit(values)}
        onValuesChange={(changed: Partial<FormValues>) => {
          if (refused && ('name' in changed || 'creditCode' in changed || 'contact' in changed)) setRefused(null);
        }}
        disabled={saving}
        autoComplete="off"
        scrollToFirstError
      >
        <Form.Item
          name="name"
          label={t('customers.name')}
          rules={[requiredRule(), zodRule(shape.name)]}
          style={{ marginBottom: panel && panel.verdict !== 'none' ? 8 : undefined }}
        >
          {editing ? (
            <Input maxLength={200} placeholder={t('customers.namePlaceholder')} data-testid="customer-name" />
          ) : (
            <RegistryNameInput
              form={form}
              picked={registryPick}
              onPick={setRegistryPick}
              maxLength={200}
              placeholder={t('customers.namePlaceholder')}
            />
          )}
        </Form.Item>
        <DuplicatePanel verdict={panel?.verdict} matches={panel?.matches ?? []} checking={checking && !refused} onNavigate={close} />
        <Form.Item
          name="creditCode"
          label={t('customers.creditCode')}
          extra={t('customers.creditCodeHint')}
          normalize={(v?: string) => (v ? v.toUpperCase() : v)}
          rules={[zodRule(shape.creditCode, () => t('customers.creditCodeInvalid'))]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="customer-credit-code" />
        </Form.Item>
        <div className="form-two-columns">
          <Form.Item name="shortName" label={t('customers.shortName')} rules={[zodRule(shape.shortName)]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="type" label={t('customers.type')} rules={[requiredRule()]}>
            <Select<TCustomerType>
              placeholder={t('common.selectPlaceholder')}
              options={ZCustomerTypeValues.map((v) => ({ value: v, label: t(`customerType.${v}`) }))}
              data-testid="customer-type"
            />
          </Form.Item>
          <Form.Item name="status" label={t('customers.status')}>
            <Select<TCustomerStatus> options={ZCustomerStatusValues.map((v) => ({ value: v, label: t(`customerStatus.${v}`) }))} />
          </Form.Item>
          <Form.Item name="industry" label={t('customers.industry')} rules={[zodRule(shape.industry)]}>
            <Input maxLength={60} />
          </Form.Item>
          {showCountry ? (
            <Form.Item name="country" label={t('customers.country')} rules={[zodRule(shape.country)]}>
              <Input maxLength={60} />
            </Form.Item>
          ) : null}
          <Form.Item name="province" label={t('customers.province')} rules={[zodRule(shape.province)]}>
            <AutoComplete
              options={provinceOptions}
              allowClear
              showSearch={{ filterOption: (input, option) => !!option?.value.includes(input.trim()) }}
              maxLength={30}
            />
          </Form.Item>
          <Form.Item name="city" label={t('customers.city')} rules={[zodRule(shape.city)]}>
            <Input maxLength={30} />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t('customers.address')} rules={[zodRule(shape.address)]}>
          <Input maxLength={300} />
        </Form.Item>
        <div className="form-two-columns">
          <Form.Item name="source" label={t('customers.source')} rules={[zodRule(shape.source)]}>
            <Input maxLength={60} placeholder={t('customers.sourcePlaceholder')} />
          </Form.Item>
          <Form.Item name="tags" label={t('customers.tags')} rules={[zodRule(shape.tags)]}>
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder={t('customers.tagsPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="creditLimit"
            label={t('customers.creditLimit')}
            normalize={(v?: string) => (v ? moneyText(v) : v)}
            rules={[zodRule(shape.creditLimit, () => t('customers.creditLimitInvalid'))]}
          >
            <Input inputMode="decimal" maxLength={20} />
          </Form.Item>
          <Form.Item name="creditDays" label={t('customers.creditDays')} rules={[zodRule(shape.creditDays)]}>
            <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Collapse
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            {
              key: 'billing',
              label: t('customers.billing'),
              // Rendered while collapsed too, so that its fields keep their values and rules.
              forceRender: true,
              children: (
                <>
                  <div className="form-two-columns">
                    <Form.Item name="taxId" label={t('customers.taxId')} rules={[zodRule(shape.taxId)]}>
                      <Input maxLength={30} />
                    </Form.Item>
                    <Form.Item name="billingPhone" label={t('customers.billingPhone')} rules={[zodRule(shape.billingPhone)]}>
                      <Input maxLength={40} inputMode="tel" />
                    </Form.Item>
                  </div>
                  <Form.Item name="billingAddress" label={t('customers.billingAddress')} rules={[zodRule(shape.billingAddress)]}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <div className="form-two-columns">
                    <Form.Item name="bankName" label={t('customers.bankName')} rules={[zodRule(shape.bankName)]}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item
                      name="bankAccount"
                      label={t('customers.bankAccount')}
                      extra={
                        editing && isMasked(editing.bankAccount)
                          ? t('customers.bankAccountKeep', { value: editing.bankAccount })
                          : undefined
                      }
                      rules={[zodRule(shape.bankAccount, () => t('customers.bankAccountInvalid'))]}
                    >
                      <Input maxLength={40} inputMode="numeric" />
                    </Form.Item>
                  </div>
                </>
              ),
            },
          ]}
        />
        {editing ? null : (
          <>
            <Divider titlePlacement="start" style={{ marginTop: 0 }}>
              {t('customers.firstContact')}
            </Divider>
            <div className="form-two-columns">
              <Form.Item
                name={['contact', 'name']}
                label={t('contacts.name')}
                extra={t('customers.firstContactHint')}
                dependencies={[
                  ['contact', 'mobile'],
                  ['contact', 'email'],
                ]}
                rules={[
                  zodRule(contactShape.name),
                  ({ getFieldValue }) => ({
                    validator: async (_r, value?: string) => {
                      const other = emptyToNull(getFieldValue(['contact', 'mobile'])) ?? emptyToNull(getFieldValue(['contact', 'email']));
                      if (other && !emptyToNull(value)) throw new Error(t('validation.required'));
                    },
                  }),
                ]}
              >
                <Input maxLength={60} data-testid="contact-name" />
              </Form.Item>
              <Form.Item name={['contact', 'title']} label={t('contacts.position')} rules={[zodRule(contactShape.title)]}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item
                name={['contact', 'mobile']}
                label={t('contacts.mobile')}
                rules={[zodRule(contactShape.mobile, () => t('contacts.mobileInvalid'))]}
              >
                <Input maxLength={20} inputMode="tel" data-testid="contact-mobile" />
              </Form.Item>
              <Form.Item name={['contact', 'email']} label={t('contacts.email')} rules={[zodRule(contactShape.email)]}>
                <Input maxLength={128} inputMode="email" data-testid="contact-email" />
              </Form.Item>
            </div>
          </>
        )}
      </Form>
      <DuplicateConfirmModal
        open={!!confirming}
        matches={confirming?.matches ?? []}
        confirmText={editing ? t('duplicates.saveAnyway') : t('duplicates.createAnyway')}
        loading={saving}
        onConfirm={() => confirming?.retry()}
        onCancel={() => setConfirming(null)}
      />
    </ResponsiveDrawer>
  );
}
