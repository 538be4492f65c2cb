import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-client.ts';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
}

/** A load that failed: the server's translated title and detail, and a retry button. */
export function QueryError({ error, onRetry }: QueryErrorProps) {
  const { t } = useTranslation();
  const title = isApiError(error) ? error.problem.title : t('errors.loadFailed');
  const detail = isApiError(error) ? error.problem.detail : error instanceof Error ? error.message : undefined;
  const status = isApiError(error) && error.status === 403 ? '403' : isApiError(error) && error.status === 404 ? '404' : 'error';
  return (
    <Result
      status={status}
      title={title}
      subTitle={detail}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.refresh')}
          </Button>
        ) : undefined
      }
    />
  );
}
