import { useState } from 'react';
import { App, Button, Card, Modal, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TActivity, TContact, TCreateActivity } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { ActivityForm } from './activity-form.tsx';

/**
 * Adding and editing the activities of one record (a customer, a lead): the save messages, the
 * stale-version handling and whether the phone form is open. The record's page supplies the calls.
 */
export function useActivityEditing(calls: {
  create: (body: TCreateActivity) => Promise<unknown>;
  update: (activity: TActivity, body: TCreateActivity & { version: number }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [editing, setEditing] = useState<TActivity | null>(null);
  // Phones show the timeline first and open the form on demand.
  const [formOpen, setFormOpen] = useState(false);
  const add = (body: TCreateActivity) =>
    calls.create(body).then(
      () => {
        void message.success(t('activities.saved'));
        setFormOpen(false);
      },
      (e: unknown) => {
        showError(e);
        throw e;
      },
    );
  const save = (body: TCreateActivity) =>
    calls.update(editing!, { ...body, version: editing!.version }).then(
      () => {
        void message.success(t('activities.updated'));
        setEditing(null);
      },
      (e: unknown) => {
        showError(e, { onStale: () => setEditing(null) });
        throw e;
      },
    );
  return { editing, setEditing, formOpen, setFormOpen, add, save };
}
export type ActivityEditing = ReturnType<typeof useActivityEditing>;

/** The quick form to add an activity; on a phone behind a big button. */
export function ActivityComposer(props: { editing: ActivityEditing; contacts: TContact[]; submitting: boolean; openLabel: string }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { formOpen, setFormOpen, add } = props.editing;
  if (isMobile && !formOpen) {
    return (
      <Button type="primary" size="large" block icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="activity-add-open">
        {props.openLabel}
      </Button>
    );
  }
  return (
    <Card title={t('activities.add')} size="small">
      <ActivityForm
        contacts={props.contacts}
        submitting={props.submitting}
        onSubmit={add}
        onCancel={isMobile ? () => setFormOpen(false) : undefined}
      />
    </Card>
  );
}

/** The dialog that edits an activity (its content, type, time and follow-up). */
export function ActivityEditModal(props: { editing: ActivityEditing; contacts: TContact[]; submitting: boolean }) {
  const { t } = useTranslation();
  const { editing, setEditing, save } = props.editing;
  return (
    <Modal open={editing !== null} title={t('activities.edit')} footer={null} onCancel={() => setEditing(null)} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('activities.editHint')}</Typography.Paragraph>
      {editing ? (
        <ActivityForm
          contacts={props.contacts}
          activity={editing}
          submitting={props.submitting}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </Modal>
  );
}
