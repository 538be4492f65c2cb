import type { ReactNode } from 'react';
import { Card, Col, Row } from 'antd';
import type { QueryKey } from '@tanstack/react-query';
import { ActivityComposer, ActivityEditModal, useActivityEditing } from './activity-editing.tsx';
import { ActivityTimelineView } from './activity-timeline.tsx';
import {
  recordAttachmentUrl,
  useRecordActivities,
  useRecordActivityMutations,
  type ActivityRecordPath,
} from './record-activities.queries.ts';

interface Props {
  base: ActivityRecordPath;
  id: string;
  title: ReactNode;
  /** The composer's button label on a phone ("写跟进"). */
  composeLabel: string;
  canWrite: boolean;
  /** Shown above the timeline (what the record's state means for its follow-ups). */
  hint?: ReactNode;
  /** What else shows these activities and is read again after a change (the record, its lists). */
  alsoChanged?: QueryKey[];
  'data-testid'?: string;
}

/** The 跟进记录 of a lead or an opportunity: the quick form (on phones behind a big button) and the timeline. */
export function RecordActivities({ base, id, title, composeLabel, canWrite, hint, alsoChanged, 'data-testid': testId }: Props) {
  const query = useRecordActivities(base, id);
  const { create, update, remove } = useRecordActivityMutations(base, id, alsoChanged);
  const editing = useActivityEditing({
    create: (body) => create.mutateAsync(body),
    update: (activity, body) => update.mutateAsync({ activityId: activity.id, body }),
  });
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      {canWrite ? (
        <Col xs={24}>
          <ActivityComposer editing={editing} contacts={[]} submitting={create.isPending} openLabel={composeLabel} />
        </Col>
      ) : null}
      <Col xs={24}>
        <Card title={title} size="small">
          {hint}
          <ActivityTimelineView
            query={query}
            onEdit={editing.setEditing}
            onDelete={(a) => remove.mutateAsync(a.id)}
            deleting={remove.isPending}
            attachmentHref={(a, fileId) => recordAttachmentUrl(base, id, a.id, fileId)}
          />
        </Card>
      </Col>
      <ActivityEditModal editing={editing} contacts={[]} submitting={update.isPending} />
    </Row>
  );
}
