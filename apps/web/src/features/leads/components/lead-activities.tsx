import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission, type TLead } from '@crm/contracts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { ActivityComposer, ActivityEditModal, useActivityEditing } from '../../customers/activities/activity-editing.tsx';
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
  const canWrite = usePermission(Permission.activityWrite) && lead.status !== 'converted';
  const query = useLeadActivities(lead.id);
  const create = useCreateLeadActivity();
  const update = useUpdateLeadActivity();
  const remove = useDeleteLeadActivity();
  const editing = useActivityEditing({
    create: (body) => create.mutateAsync({ leadId: lead.id, body }),
    update: (activity, body) => update.mutateAsync({ leadId: lead.id, activityId: activity.id, body }),
  });

  return (
    <Row gutter={[16, 16]} data-testid="lead-activities">
      {canWrite ? (
        <Col xs={24}>
          <ActivityComposer editing={editing} contacts={[]} submitting={create.isPending} openLabel={t('leads.actions.follow')} />
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
            onEdit={editing.setEditing}
            onDelete={(a) => remove.mutateAsync({ leadId: lead.id, activityId: a.id })}
            deleting={remove.isPending}
            attachmentHref={(a, fileId) => leadAttachmentUrl(lead.id, a.id, fileId)}
          />
        </Card>
      </Col>
      <ActivityEditModal editing={editing} contacts={[]} submitting={update.isPending} />
    </Row>
  );
}
