import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TContractStatus } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';

const FLOW: TContractStatus[] = ['draft', 'in_review', 'approved', 'signed', 'executing', 'completed'];

/**
 * Draft → in review → approved → signed → executing → completed. A terminated contract shows where
 * it stopped: the last step it reached is marked as the error.
 */
export function ContractStatusSteps({
  status,
  reachedBeforeTermination,
}: {
  status: TContractStatus;
  reachedBeforeTermination?: TContractStatus;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const terminated = status === 'terminated';
  const at = terminated ? FLOW.indexOf(reachedBeforeTermination ?? 'draft') : FLOW.indexOf(status);
  const current = Math.max(at, 0);
  return (
    <div className="contract-steps" data-testid="contract-steps" data-status={status}>
      <Steps
        size="small"
        type={isMobile ? 'dot' : 'default'}
        titlePlacement={isMobile ? 'vertical' : 'horizontal'}
        responsive={false}
        current={current}
        status={terminated ? 'error' : status === 'completed' ? 'finish' : 'process'}
        items={FLOW.map((s, i) => {
          const title = terminated && i === current ? t('contracts.status.terminated') : t(`contracts.status.${s}`);
          // Phones: six names do not fit side by side; the current one is named, the others keep their dot and tooltip.
          return { key: s, title: isMobile && i !== current ? <span className="contract-step-hidden" title={title} /> : title };
        })}
      />
    </div>
  );
}
