import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission, type TContact } from '@crm/contracts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useCreateActivity, useUpdateActivity } from './activities.queries.ts';
import { ActivityComposer, ActivityEditModal, useActivityEditing } from './activity-editing.tsx';
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
  const canWrite = usePermission(Permission.activityWrite) && !readOnly;
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const editing = useActivityEditing({
    create: (body) => create.mutateAsync({ customerId, body }),
    update: (activity, body) => update.mutateAsync({ customerId, activityId: activity.id, body }),
  });

  return (
    <Row gutter={[16, 16]} data-testid="activities-tab">
      {canWrite ? (
        <Col xs={24} xl={9}>
          <ActivityComposer editing={editing} contacts={contacts} submitting={create.isPending} openLabel={t('activities.add')} />
        </Col>
      ) : null}
      <Col xs={24} xl={canWrite ? 15 : 24}>
        <Card title={t('activities.tab')} size="small">
          <ActivityTimeline customerId={customerId} onEdit={editing.setEditing} />
        </Card>
      </Col>
      <ActivityEditModal editing={editing} contacts={contacts} submitting={update.isPending} />
    </Row>
  );
}
