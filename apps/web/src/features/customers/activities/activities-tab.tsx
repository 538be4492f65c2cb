import { useState } from 'react';
import { App, Button, Card, Col, Modal, Row, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type TActivity, type TContact, type TCreateActivity } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useCreateActivity, useUpdateActivity } from './activities.queries.ts';
import { ActivityForm } from './activity-form.tsx';
import { ActivityTimeline } from './activity-timeline.tsx';

interface Props {
  customerId: string;
  contacts: TContact[];
  /** A merged customer takes no new activities. */
  readOnly?: boolean;
}

/** The 360 page's 跟进记录 tab: the quick form (first on phones) and the timeline. */
export function ActivitiesTab({ customerId, contacts, readOnly }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canWrite = usePermission(Permission.activityWrite) && !readOnly;
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const [editing, setEditing] = useState<TActivity | null>(null);
  const isMobile = useIsMobile();
  // Phones show the timeline first and open the form on demand; desktops keep it beside the timeline.
  const [formOpen, setFormOpen] = useState(false);

  const add = (body: TCreateActivity) =>
    create.mutateAsync({ customerId, body }).then(
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
    update.mutateAsync({ customerId, activityId: editing!.id, body: { ...body, version: editing!.version } }).then(
      () => {
        void message.success(t('activities.updated'));
        setEditing(null);
      },
      (e: unknown) => {
        showError(e, { onStale: () => setEditing(null) });
        throw e;
      },
    );

  return (
    <Row gutter={[16, 16]} data-testid="activities-tab">
      {canWrite ? (
        <Col xs={24} xl={9}>
          {isMobile && !formOpen ? (
            <Button
              type="primary"
              size="large"
              block
              icon={<PlusOutlined />}
              onClick={() => setFormOpen(true)}
              data-testid="activity-add-open"
            >
              {t('activities.add')}
            </Button>
          ) : (
            <Card title={t('activities.add')} size="small">
              <ActivityForm
                contacts={contacts}
                submitting={create.isPending}
                onSubmit={add}
                onCancel={isMobile ? () => setFormOpen(false) : undefined}
              />
            </Card>
          )}
        </Col>
      ) : null}
      <Col xs={24} xl={canWrite ? 15 : 24}>
        <Card title={t('activities.tab')} size="small">
          <ActivityTimeline customerId={customerId} onEdit={setEditing} />
        </Card>
      </Col>
      <Modal open={editing !== null} title={t('activities.edit')} footer={null} onCancel={() => setEditing(null)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('activities.editHint')}</Typography.Paragraph>
        {editing ? (
          <ActivityForm
            contacts={contacts}
            activity={editing}
            submitting={update.isPending}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </Row>
  );
}
