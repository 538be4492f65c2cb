import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TQuoteApproval, TQuoteStatus } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';

/**
 * Why the quote needs approval (never naming a floor price the reader may not see), or the decision
 * taken. Once a version has left the draft stages, its reasons stay readable under the decision.
 */
export function QuoteApprovalAlert({
  approval,
  status,
  showWhenFine,
}: {
  approval: TQuoteApproval | undefined;
  /** The version's status; absent in the editor (a draft being changed). */
  status?: TQuoteStatus;
  showWhenFine?: boolean;
}) {
  const { t } = useTranslation();
  if (!approval) return null;
  const decision = approval.decision;
  const pending = status === undefined || status === 'draft' || status === 'needs_approval';
  const reasons =
    approval.reasons.length > 0 ? (
      <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>
        {approval.reasons.map((r, i) => (
          <li key={i} data-testid="quote-approval-reason" data-code={r.code}>
            {r.message}
          </li>
        ))}
      </ul>
    ) : null;
  return (
    <>
      {approval.required && pending ? (
        <Alert
          type="warning"
          showIcon
          data-testid="quote-approval-flags"
          title={t('quotes.approval.title')}
          description={
            <>
              {reasons}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('quotes.approval.hint')} · {t('quotes.approval.ownerLimit', { limit: approval.limitPercent })}
              </Typography.Text>
              {status === 'needs_approval' && approval.instanceId ? (
                <div>
                  <Link to={`/approvals/${approval.instanceId}`} data-testid="quote-approval-progress">
                    {t('approvals.viewProgress')}
                  </Link>
                </div>
              ) : null}
            </>
          }
          style={{ marginBottom: 12 }}
        />
      ) : showWhenFine ? (
        <Alert type="success" showIcon title={t('quotes.approval.none')} style={{ marginBottom: 12 }} data-testid="quote-approval-fine" />
      ) : null}
      {decision ? (
        <Alert
          type={decision.outcome === 'approved' ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="quote-approval-decision"
          title={t(`quotes.approval.decision.${decision.outcome}`, { by: decision.byName ?? '—', at: formatDateTime(decision.at) })}
          description={
            decision.comment || (!pending && decision.outcome === 'approved' && reasons) ? (
              <>
                {decision.comment ? <div>{decision.comment}</div> : null}
                {!pending && decision.outcome === 'approved' ? reasons : null}
              </>
            ) : undefined
          }
        />
      ) : null}
    </>
  );
}
