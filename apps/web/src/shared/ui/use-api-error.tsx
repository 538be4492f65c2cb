import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommonErrorCode } from '@crm/contracts';
import { isApiError, isUnauthenticated } from '../api/api-client.ts';
import { applyFieldErrors } from './apply-field-errors.ts';

export interface ApiErrorOptions {
  /** Field errors (`errors[].path`) go onto this form. */
  form?: FormInstance;
  /** Called on 409 STALE_VERSION, after telling the user: reload the record here. */
  onStale?: () => void;
}

/**
 * Shows a failed API call the way the server meant it: its translated `title`/`detail`,
 * field errors on the form, and the stale-version case as "reloaded, check and retry".
 */
export function useApiError(): (error: unknown, options?: ApiErrorOptions) => void {
  const { message, notification } = App.useApp();
  const { t } = useTranslation();

  return useCallback(
    (error: unknown, options: ApiErrorOptions = {}) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (!isApiError(error)) {
        notification.error({
          title: t('errors.requestFailed'),
          description: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      // The session guard takes the user to the login page and says why.
      if (isUnauthenticated(error)) return;

      const { problem } = error;
      if (problem.code === CommonErrorCode.STALE_VERSION) {
        notification.warning({ title: t('errors.staleVersionTitle'), description: t('errors.staleVersionDetail') });
        options.onStale?.();
        return;
      }

      const unmatched = options.form ? applyFieldErrors(options.form, error.fieldErrors) : error.fieldErrors;
      const placedOnForm = error.fieldErrors.length > 0 && unmatched.length < error.fieldErrors.length;
      const lines: string[] = [];
      if (problem.detail && problem.detail !== problem.title) lines.push(problem.detail);
      for (const fe of unmatched) lines.push(fe.path ? `${fe.path}: ${fe.message}` : fe.message);
      const wait = error.retryAfterNotStated;
      if (wait !== null) lines.push(t('errors.retryAfter', { seconds: wait }));

      if (placedOnForm && lines.length === 0) {
        void message.error(problem.title);
        return;
      }
      notification.error({
        title: problem.title,
        description:
          lines.length > 0 || problem.requestId ? (
            <div>
              {lines.map((line, i) => (
                <div key={i}>{line}</div>
              ))}
              {problem.requestId ? (
                <div style={{ marginTop: 4, fontSize: 12, opacity: 0.6 }}>{t('errors.requestId', { id: problem.requestId })}</div>
              ) : null}
            </div>
          ) : undefined,
      });
    },
    [message, notification, t],
  );
}
