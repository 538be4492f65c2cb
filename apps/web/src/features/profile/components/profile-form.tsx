import { useEffect } from 'react';
import { App, Button, Descriptions, Form, Input, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZUpdateProfile, type TLocale, type TMe } from '@crm/contracts';
import { SUPPORTED_LANGUAGES, setLanguage } from '../../../shared/i18n/i18n.ts';
import { emptyToNull, requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useUpdateProfile } from '../api/profile.queries.ts';

interface ProfileValues {
  displayName: string;
  email: string | null;
  phone: string | null;
  locale: TLocale;
}

function toValues(me: TMe): ProfileValues {
  return { displayName: me.displayName, email: me.email, phone: me.phone, locale: me.locale };
}

export function ProfileForm({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateProfile();
  const showError = useApiError();
  const shape = ZUpdateProfile.shape;

  useEffect(() => {
    form.setFieldsValue(toValues(me));
  }, [form, me]);

  const onFinish = (values: ProfileValues) => {
    update.mutate(
      {
        displayName: values.displayName.trim(),
        email: emptyToNull(values.email),
        phone: emptyToNull(values.phone),
        locale: values.locale,
      },
      {
        onSuccess: (saved) => {
          void setLanguage(saved.locale).then(() => message.success(t('profile.saved')));
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };

  return (
    <div className="form-narrow">
      <Descriptions
        column={1}
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { key: 'username', label: t('profile.username'), children: me.username },
          { key: 'department', label: t('profile.department'), children: me.departmentName },
          {
            key: 'roles',
            label: t('profile.roles'),
            children: (
              <Space size={[4, 4]} wrap>
                {me.roles.map((r) => (
                  <Tag key={r.id} color="blue">
                    {r.name}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Form<ProfileValues> form={form} layout="vertical" initialValues={toValues(me)} onFinish={onFinish}>
        <Form.Item name="displayName" label={t('profile.displayName')} rules={[requiredRule(), zodRule(shape.displayName)]}>
          <Input maxLength={64} autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('profile.email')} rules={[zodRule(shape.email)]}>
          <Input maxLength={128} autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('profile.phone')} rules={[zodRule(shape.phone)]}>
          <Input maxLength={32} autoComplete="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item name="locale" label={t('profile.locale')} rules={[requiredRule()]}>
          <Select options={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: t(`lang.${lng}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="form-submit">
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}
