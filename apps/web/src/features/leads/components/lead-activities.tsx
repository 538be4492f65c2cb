import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission, type TLead } from '@crm/contracts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { RecordActivities } from '../../customers/activities/record-activities.tsx';
import { leadsQueryKeys } from '../api/leads.queries.ts';

/** A lead's 跟进记录: the first one moves a new lead into follow-up; a converted lead takes none. */
export function LeadActivities({ lead }: { lead: TLead }) {
  const { t } = useTranslation();
  const canWrite = usePermission(Permission.activityWrite) && lead.status !== 'converted';
  const hint =
    lead.status === 'new' ? t('leads.detail.noActivitiesHint') : lead.status === 'converted' ? t('leads.detail.closedHint') : null;
  return (
    <RecordActivities
      base="/leads"
      id={lead.id}
      title={t('leads.detail.activities')}
      composeLabel={t('leads.actions.follow')}
      canWrite={canWrite}
      hint={
        hint ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Paragraph>
        ) : null
      }
      alsoChanged={[leadsQueryKeys.detail(lead.id), leadsQueryKeys.lists()]}
      data-testid="lead-activities"
    />
  );
}
