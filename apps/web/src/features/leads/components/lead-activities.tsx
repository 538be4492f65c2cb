import { useState } from 'react';
import { App, Button, Card, Col, Modal, Row, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type TActivity, type TCreateActivity, type TLead } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { ActivityForm } from '../../customers/activities/activity-form.tsx';
import { ActivityTimelineView } from '../../customers/activities/activity-timeline.tsx';
import {
  leadAttachmentUrl,
  useCreateLeadActivity,
  useDeleteLeadActivity,
  useLeadActivities,
  useUpdateLeadActivity,
} from '../api/leads.queries.ts';

/** A lead's 跟进记录: the quick form (on phones behind a big button) and the timeline. */
export function LeadActivities({ lead }: { lead: TLead }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const isMobile = useIsMobile();
  const canWrite = usePermission(Permission.activityWrite) && lead.status !== 'converted';
  const query = useLeadActivities(lead.id);
  const create = useCreateLeadActivity();
  const update = useUpdateLeadActivity();
  const remove = useDeleteLeadActivity();
  const [editing, setEditing] = useState<TActivity | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const add = (body: TCreateActivity) =>
    create.mutateAsync({ leadId: lead.id, body }).then(
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
    update.mutateAsync({ leadId: lead.id, activityId: editing!.id, body: { ...body, version: editing!.version } }).then(
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
    <Row gutter={[16, 16]} data-testid="lead-activities">
      {canWrite ? (
        <Col xs={24}>
          {isMobile && !formOpen ? (
            <Button
              type="primary"
              size="large"
              block
              icon={<PlusOutlined />}
              onClick={() => setFormOpen(true)}
              data-testid="activity-add-open"
            >
              {t('leads.actions.follow')}
            </Button>
          ) : (
            <Card title={t('activities.add')} size="small">
              <ActivityForm
                contacts={[]}
                submitting={create.isPending}
                onSubmit={add}
                onCancel={isMobile ? () => setFormOpen(false) : undefined}
              />
            </Card>
          )}
        </Col>
      ) : null}
      <Col xs={24}>
        <Card title={t('leads.detail.activities')} size="small">
          {lead.status === 'new' ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('leads.detail.noActivitiesHint')}
            </Typography.Paragraph>
          ) : null}
          {lead.status === 'converted' ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('leads.detail.closedHint')}
            </Typography.Paragraph>
          ) : null}
          <ActivityTimelineView
            query={query}
            onEdit={setEditing}
            onDelete={(a) => remove.mutateAsync({ leadId: lead.id, activityId: a.id })}
            deleting={remove.isPending}
            attachmentHref={(a, fileId) => leadAttachmentUrl(lead.id, a.id, fileId)}
          />
        </Card>
      </Col>
      <Modal open={editing !== null} title={t('activities.edit')} footer={null} onCancel={() => setEditing(null)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('activities.editHint')}</Typography.Paragraph>
        {editing ? (
          <ActivityForm contacts={[]} activity={editing} submitting={update.isPending} onSubmit={save} onCancel={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Row>
  );
}
