import { useState } from 'react';
import { App, Button, Flex, Form, Input, Segmented, Select, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TActivity, TActivityType, TContact, TCreateActivity, TStoredFile } from '@crm/contracts';
import { uploadFile } from '../../../shared/api/files.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_LOOK } from './activity-type.tsx';
import { DateTimeField } from './date-time-field.tsx';

export interface ActivityFormValues {
  type: TActivityType;
  content: string;
  occurredAt: Dayjs;
  nextFollowUpAt?: Dayjs | null;
  contactId?: string | null;
}

/** One tap for the usual follow-up dates (9:00 on that day). */
const FOLLOW_UP_PRESETS = [{ days: 1 }, { days: 3 }, { days: 7 }] as const;
/** Images and documents, as the server accepts them. */
const ACCEPT = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.txt,.csv';

function initialFiles(activity: TActivity | undefined): UploadFile<TStoredFile>[] {
  return (activity?.attachments ?? []).map((a) => ({
    uid: a.id,
    name: a.name,
    status: 'done',
    size: a.size,
    type: a.mimeType,
    response: { ...a, sha256: '', createdAt: '' },
  }));
}

interface Props {
  contacts: TContact[];
  /** Editing an existing activity; without it the form records a new one. */
  activity?: TActivity;
  submitting: boolean;
  onSubmit: (body: TCreateActivity) => Promise<unknown>;
  onCancel?: () => void;
}

/** The quick "what happened" form: one column, large touch targets on phones. */
export function ActivityForm({ contacts, activity, submitting, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<ActivityFormValues>();
  const [files, setFiles] = useState<UploadFile<TStoredFile>[]>(() => initialFiles(activity));
  const uploading = files.some((f) => f.status === 'uploading');

  const initialValues: ActivityFormValues = activity
    ? {
        type: activity.type,
        content: activity.content,
        occurredAt: dayjs(activity.occurredAt),
        nextFollowUpAt: activity.nextFollowUpAt ? dayjs(activity.nextFollowUpAt) : null,
        contactId: activity.contactId,
      }
    : { type: 'visit', content: '', occurredAt: dayjs(), nextFollowUpAt: null, contactId: null };

  const finish = async (values: ActivityFormValues) => {
    const body: TCreateActivity = {
      type: values.type,
      content: values.content.trim(),
      occurredAt: values.occurredAt.toISOString(),
      nextFollowUpAt: values.nextFollowUpAt ? values.nextFollowUpAt.toISOString() : null,
      contactId: values.contactId ?? null,
      attachmentIds: files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id),
    };
    try {
      await onSubmit(body);
    } catch {
      return;
    }
    if (!activity) {
      form.resetFields();
      form.setFieldsValue({ occurredAt: dayjs() });
      setFiles([]);
    }
  };

  return (
    <Form<ActivityFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => void finish(v)}
      requiredMark={false}
      data-testid="activity-form"
    >
      <Form.Item name="type" label={t('activities.typeLabel')}>
        <Segmented<TActivityType>
          block
          data-testid="activity-type"
          options={ACTIVITY_TYPES.map((type) => ({
            value: type,
            label: (
              <Flex vertical={isMobile} align="center" justify="center" gap={isMobile ? 0 : 6} style={{ padding: isMobile ? '4px 0' : 0 }}>
                <span style={{ color: ACTIVITY_TYPE_LOOK[type].color }}>{ACTIVITY_TYPE_LOOK[type].icon}</span>
                <span style={{ fontSize: isMobile ? 12 : undefined }}>{t(`activities.type.${type}`)}</span>
              </Flex>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('activities.content')}
        rules={[{ required: true, whitespace: true, message: t('activities.contentRequired') }, { max: 5000 }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          placeholder={t('activities.contentPlaceholder')}
          maxLength={5000}
          data-testid="activity-content"
        />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="occurredAt" label={t('activities.occurredAt')} rules={[{ required: true }]} style={{ flex: '1 1 180px' }}>
          <DateTimeField allowClear={false} notAfter={dayjs()} data-testid="activity-occurred-at" />
        </Form.Item>
        <Form.Item
          name="nextFollowUpAt"
          label={t('activities.nextFollowUpAt')}
          tooltip={t('activities.nextFollowUpHint')}
          dependencies={['occurredAt']}
          style={{ flex: '1 1 180px' }}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: Dayjs | null | undefined) => {
                const occurredAt = getFieldValue('occurredAt') as Dayjs | undefined;
                return !value || !occurredAt || value.isAfter(occurredAt)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('activities.followUpAfter')));
              },
            }),
          ]}
        >
          <DateTimeField notBefore={dayjs()} data-testid="activity-next-follow-up" />
        </Form.Item>
      </Flex>
      <Flex gap={6} wrap style={{ margin: '-12px 0 16px' }}>
        {FOLLOW_UP_PRESETS.map((p) => (
          <Button
            key={p.days}
            size="small"
            onClick={() => form.setFieldValue('nextFollowUpAt', dayjs().add(p.days, 'day').hour(9).minute(0).second(0).millisecond(0))}
            data-testid={`follow-up-preset-${p.days}`}
          >
            {p.days === 1 ? t('activities.tomorrow') : t('activities.inDays', { count: p.days })}
          </Button>
        ))}
      </Flex>
      {contacts.length > 0 ? (
        <Form.Item name="contactId" label={t('activities.contact')}>
          <Select
            allowClear
            placeholder={t('activities.contactPlaceholder')}
            options={contacts.map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
            data-testid="activity-contact"
          />
        </Form.Item>
      ) : null}
      <Form.Item label={t('activities.attachments')}>
        <Upload<TStoredFile>
          multiple
          accept={ACCEPT}
          fileList={files}
          maxCount={10}
          onChange={({ fileList }) => setFiles(fileList)}
          customRequest={({ file, onSuccess, onError }) => {
            uploadFile(file as File)
              .then((stored) => onSuccess?.(stored))
              .catch((e: unknown) => {
                void message.error(e instanceof Error ? e.message : String(e));
                onError?.(e instanceof Error ? e : new Error(String(e)));
              });
          }}
        >
          <Button icon={<PaperClipOutlined />} data-testid="activity-upload">
            {t('activities.upload')}
          </Button>
        </Upload>
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        {onCancel ? (
          <Button size={isMobile ? 'large' : 'middle'} onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          loading={submitting}
          disabled={uploading}
          size={isMobile ? 'large' : 'middle'}
          style={isMobile ? { flex: 1 } : undefined}
          data-testid="activity-submit"
        >
          {uploading ? t('activities.uploading') : activity ? t('common.save') : t('activities.save')}
        </Button>
      </Flex>
    </Form>
  );
}
