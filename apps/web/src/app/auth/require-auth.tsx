import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FullPageSpin } from '../../shared/ui/full-page-spin.tsx';
import { QueryError } from '../../shared/ui/query-error.tsx';
import { useSession } from '../../features/auth/api/auth.queries.ts';
import { loginPath } from '../../features/auth/redirect.ts';
import { wasSessionLost } from '../../features/auth/session-events.ts';

/**
 * Everything behind sign-in. No session → the login page, remembering where the user was going.
 * A user who must change their password is kept on the password screen.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <FullPageSpin tip={t('auth.restoring')} />;
  if (session.isError && session.data === undefined) {
    return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!session.data) {
    return <Navigate to={loginPath(`${location.pathname}${location.search}`, wasSessionLost())} replace />;
  }
  if (session.data.mustChangePassword && location.pathname !== '/profile') {
    return <Navigate to="/profile?tab=password" replace />;
  }
  return children;
}
