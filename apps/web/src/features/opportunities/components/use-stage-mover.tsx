import { useState, type ReactNode } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommonErrorCode, type TOpportunity, type TOpportunityStage, type TStageKind } from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useMoveStage } from '../api/opportunities.queries.ts';
import { MoveStageModal, moveNeedsForm, type MoveRequest } from './move-stage-modal.tsx';
import { useStageName } from './stage-label.tsx';

type Movable = { id: string; version: number; stageId: string; stageKind: TStageKind };

interface Options {
  /** A move is under way (the board shows the card in its new column meanwhile). */
  onStart?: (id: string, stageId: string) => void;
  /** The server refused or failed: the card goes back where it was. */
  onFailed?: (id: string) => void;
  onMoved?: (opportunity: TOpportunity) => void;
}

/**
 * Moving an opportunity to a stage: straight away for an open stage, through a small form for won,
 * lost and reopening moves; a refusal is shown with the rule's message from the server.
 */
export function useStageMover(options: Options = {}): { requestMove: (o: Movable, stage: TOpportunityStage) => void; modal: ReactNode } {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const showError = useApiError();
  const name = useStageName();
  const mutation = useMoveStage();
  const [pending, setPending] = useState<(MoveRequest & { opportunity: Movable }) | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  function send(o: Movable, stage: TOpportunityStage, extra: { reasonCode?: string; reason?: string }, fromModal: boolean) {
    options.onStart?.(o.id, stage.id);
    mutation.mutate(
      { id: o.id, stageId: stage.id, version: o.version, ...extra },
      {
        onSuccess: (moved) => {
          setPending(null);
          setRefusal(null);
          void message.success(t('opportunities.movedToast', { stage: name(stage) }));
          options.onMoved?.(moved);
        },
        onError: (error) => {
          options.onFailed?.(o.id);
          if (isApiError(error) && error.status !== 409 && error.code !== CommonErrorCode.VALIDATION_FAILED && error.problem.title) {
            if (fromModal) {
              setRefusal(error.problem.title);
              return;
            }
            notification.error({ title: t('opportunities.board.dropRefused'), description: error.problem.title, key: 'stage-refused' });
            return;
          }
          setPending(null);
          showError(error);
        },
      },
    );
  }

  function requestMove(o: Movable, stage: TOpportunityStage) {
    if (stage.id === o.stageId) return;
    const reopening = o.stageKind !== 'open';
    if (moveNeedsForm(stage, reopening)) {
      setRefusal(null);
      setPending({ opportunity: o, stage, reopening });
      return;
    }
    send(o, stage, {}, false);
  }

  const modal = (
    <MoveStageModal
      request={pending}
      submitting={mutation.isPending}
      refusal={refusal}
      onCancel={() => {
        setPending(null);
        setRefusal(null);
      }}
      onSubmit={(values) => {
        if (pending)
          send(
            pending.opportunity,
            pending.stage,
            { reasonCode: values.reasonCode || undefined, reason: values.reason?.trim() || undefined },
            true,
          );
      }}
    />
  );
  return { requestMove, modal };
}
