import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { TNotification } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useMarkNotificationsRead } from '../api/notifications.queries.ts';
import { internalLink } from './notification-link.ts';

/** Clicking a notification marks it read and, when it points somewhere, goes there. */
export function useOpenNotification(afterOpen?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkNotificationsRead();
  const showError = useApiError();
  return useCallback(
    (item: TNotification) => {
      if (!item.readAt) markRead.mutate({ ids: [item.id] }, { onError: (e) => showError(e) });
      const target = internalLink(item.link);
      if (target) {
        afterOpen?.();
        void navigate(target);
      }
    },
    [afterOpen, markRead, navigate, showError],
  );
}
