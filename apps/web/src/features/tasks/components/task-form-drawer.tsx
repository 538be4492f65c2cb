import { useEffect } from 'react';
import { App, Button, Flex, Form, Input, Segmented, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Permission, type TCreateTask, type TTask, type TTaskKind, type TTaskRelatedType, type TUpdateTask } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { DateTimeField } from '../../customers/activities/date-time-field.tsx';
import { useCreateTask, useUpdateTask } from '../api/tasks.queries.ts';
import { AssigneeSelect } from './assignee-select.tsx';
import { RelatedCustomerSelect, type RelatedPick } from './related-customer-select.tsx';
import { isRelatedType, TASK_KIND_LOOK, TASK_KINDS } from './task-kind.tsx';

type RemindOption = 'atDue' | 'm15' | 'h1' | 'd1' | 'custom';
const REMIND_OPTIONS: readonly RemindOption[] = ['atDue', 'm15', 'h1', 'd1', 'custom'];
const REMIND_BEFORE_MS: Partial<Record<RemindOption, number>> = { m15: 15 * 60_000, h1: 3_600_000, d1: 86_400_000 };

/** A record the new task is about, fixed by the page that opens the form (a customer, a lead, an opportunity …). */
export interface TaskRelatedRecord {
  type: TTaskRelatedType;
  id: string;
  label: string;
}

interface FormValues {
  title: string;
  kind: TTaskKind;
  dueAt: Dayjs | null;
  remind: RemindOption;
  remindAt: Dayjs | null;
  assigneeId: string;
  customer: RelatedPick | null;
  notes: string;
}

function remindOptionOf(task: TTask): RemindOption {
  if (!task.remindAt) return 'atDue';
  if (!task.dueAt) return 'custom';
  const before = Date.parse(task.dueAt) - Date.parse(task.remindAt);
  return (Object.entries(REMIND_BEFORE_MS).find(([, ms]) => ms === before)?.[0] as RemindOption | undefined) ?? 'custom';
}

/** The reminder time the form's choice stands for; null means "when due". */
function remindAtOf(values: Pick<FormValues, 'remind' | 'remindAt' | 'dueAt'>): Dayjs | null {
  if (values.remind === 'custom') return values.remindAt;
  const before = REMIND_BEFORE_MS[values.remind];
  return before !== undefined && values.dueAt ? values.dueAt.subtract(before, 'millisecond') : null;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Editing this task; without it the form creates one. */
  task?: TTask | null;
  /** A new task's due time (e.g. the calendar day it was created from). */
  defaultDueAt?: Dayjs | null;
  defaultKind?: TTaskKind;
  /** A new task's assignee (e.g. the colleague whose calendar is open); myself without it. */
  defaultAssigneeId?: string;
  /** The record a new task is about, fixed by the page that opened the form. */
  related?: TaskRelatedRecord;
  onSaved?: (task: TTask) => void;
}

/** 新建 / 编辑待办: what, when, reminder, for whom and about which record. One column, phone-friendly. */
export function TaskFormDrawer({ open, onClose, task, defaultDueAt, defaultKind, defaultAssigneeId, related, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const isMobile = useIsMobile();
  const me = useCurrentUser();
  const canAssign = usePermission(Permission.taskAssign) && me.dataScope !== 'own';
  const create = useCreateTask();
  const update = useUpdateTask();
  const [form] = Form.useForm<FormValues>();
  const remind = Form.useWatch('remind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      task
        ? {
            title: task.title,
            kind: task.kind,
            dueAt: task.dueAt ? dayjs(task.dueAt) : null,
            remind: remindOptionOf(task),
            remindAt: task.remindAt ? dayjs(task.remindAt) : null,
            assigneeId: task.assigneeId,
            customer: null,
            notes: task.notes ?? '',
          }
        : {
            title: '',
            kind: defaultKind ?? 'todo',
            dueAt: defaultDueAt ?? null,
            remind: 'atDue',
            remindAt: null,
            assigneeId: canAssign && defaultAssigneeId ? defaultAssigneeId : me.id,
            customer: null,
            notes: '',
          },
    );
  }, [open, task, defaultDueAt, defaultKind, defaultAssigneeId, canAssign, form, me.id]);

  const fixedRelated: { type: string; label: string } | null = task
    ? task.relatedType && task.relatedLabel
      ? { type: task.relatedType, label: task.relatedLabel }
      : null
    : (related ?? null);

  const finish = async (values: FormValues) => {
    const remindAt = remindAtOf(values);
    try {
      if (task) {
        const body: TUpdateTask = {
          version: task.version,
          title: values.title.trim(),
          kind: values.kind,
          notes: values.notes.trim() || null,
          dueAt: values.dueAt ? values.dueAt.toISOString() : null,
          remindAt: remindAt ? remindAt.toISOString() : null,
          ...(values.assigneeId !== task.assigneeId ? { assigneeId: values.assigneeId } : {}),
        };
        const saved = await update.mutateAsync({ id: task.id, body });
        void message.success(t('calendar.task.saved'));
        onSaved?.(saved);
      } else {
        const link = related ?? (values.customer ? { type: 'customer' as const, ...values.customer } : null);
        const body: TCreateTask = {
          title: values.title.trim(),
          kind: values.kind,
          notes: values.notes.trim() || null,
          dueAt: values.dueAt ? values.dueAt.toISOString() : null,
          remindAt: remindAt ? remindAt.toISOString() : null,
          assigneeId: values.assigneeId,
          ...(link ? { relatedType: link.type, relatedId: link.id, relatedLabel: link.label } : {}),
        };
        const saved = await create.mutateAsync(body);
        void message.success(
          saved.assigneeId === me.id ? t('calendar.task.created') : t('calendar.task.assigned', { name: saved.assigneeName ?? '' }),
        );
        onSaved?.(saved);
      }
      onClose();
    } catch (e) {
      showError(e, { form });
    }
  };

  const busy = create.isPending || update.isPending;
  return (
    <ResponsiveDrawer
      open={open}
      onClose={onClose}
      width={520}
      title={task ? t('calendar.task.edit') : t('calendar.task.new')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="task-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void finish(v)} data-testid="task-form">
        <Form.Item
          name="title"
          label={t('calendar.task.title')}
          rules={[{ required: true, whitespace: true, message: t('calendar.task.titleRequired') }, { max: 200 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={200}
            placeholder={t('calendar.task.titlePlaceholder')}
            data-testid="task-title-input"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.task.kindLabel')}>
          <Segmented<TTaskKind>
            block
            data-testid="task-kind"
            options={TASK_KINDS.map((kind) => ({
              value: kind,
              label: (
                <Flex
                  vertical={isMobile}
                  align="center"
                  justify="center"
                  gap={isMobile ? 0 : 6}
                  style={{ padding: isMobile ? '4px 0' : 0 }}
                >
                  <span style={{ color: TASK_KIND_LOOK[kind].color }}>{TASK_KIND_LOOK[kind].icon}</span>
                  <span style={{ fontSize: isMobile ? 12 : undefined }}>{t(`calendar.task.kind.${kind}`)}</span>
                </Flex>
              ),
            }))}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="dueAt" label={t('calendar.task.dueAt')} style={{ flex: '1 1 200px' }}>
            <DateTimeField data-testid="task-due" />
          </Form.Item>
          <Form.Item
            name="remind"
            label={t('calendar.task.remind')}
            style={{ flex: '1 1 160px' }}
            dependencies={['dueAt']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, value: RemindOption) =>
                  value !== 'custom' && value !== 'atDue' && !getFieldValue('dueAt')
                    ? Promise.reject(new Error(t('calendar.task.remindNeedsTime')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Select<RemindOption>
              options={REMIND_OPTIONS.map((o) => ({ value: o, label: t(`calendar.task.remindOption.${o}`) }))}
              data-testid="task-remind"
            />
          </Form.Item>
        </Flex>
        {remind === 'custom' ? (
          <Form.Item
            name="remindAt"
            label={t('calendar.task.remindAt')}
            dependencies={['dueAt']}
            rules={[
              { required: true, message: t('calendar.task.remindNeedsTime') },
              ({ getFieldValue }) => ({
                validator: (_r, value: Dayjs | null) => {
                  const due = getFieldValue('dueAt') as Dayjs | null;
                  return value && due && value.isAfter(due)
                    ? Promise.reject(new Error(t('calendar.task.remindAfterDue')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DateTimeField data-testid="task-remind-at" />
          </Form.Item>
        ) : null}
        {canAssign ? (
          <Form.Item name="assigneeId" label={t('calendar.task.assignee')} extra={t('calendar.task.assigneeHint')}>
            <AssigneeSelect currentName={task?.assigneeName} data-testid="task-assignee" />
          </Form.Item>
        ) : null}
        <Form.Item label={t('calendar.task.related')} name={fixedRelated ? undefined : 'customer'}>
          {fixedRelated ? (
            <Tag color="blue" style={{ whiteSpace: 'normal' }} data-testid="task-related-fixed">
              {isRelatedType(fixedRelated.type) ? `${t(`calendar.task.relatedType.${fixedRelated.type}`)} · ` : ''}
              {fixedRelated.label}
            </Tag>
          ) : (
            <RelatedCustomerSelect />
          )}
        </Form.Item>
        <Form.Item name="notes" label={t('calendar.task.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid="task-notes" />
        </Form.Item>
      </Form>
    </ResponsiveDrawer>
  );
}
