import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLoginRequest, TLoginResponse, TMe, TSessionInfo } from '@crm/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api/api-client.ts';
import { setLanguage, isLanguage } from '../../../shared/i18n/i18n.ts';
import { clearSessionLost } from '../session-events.ts';

export const authQueryKeys = {
  all: ['auth'] as const,
  /** The signed-in user (TMe) or null. The single source of "who am I" in the app. */
  session: () => ['auth', 'session'] as const,
};

async function fetchSession(): Promise<TMe | null> {
  try {
    const session = await api.get<TSessionInfo>('/auth/session', undefined, { skipAuthRedirect: true });
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: authQueryKeys.session(),
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user; only for components rendered behind the auth guard. */
export function useCurrentUser(): TMe {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside the authenticated area');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginRequest) => api.post<TLoginResponse>('/auth/login', body, { skipAuthRedirect: true }),
    onSuccess: async ({ user, csrfToken }) => {
      setCsrfToken(csrfToken);
      clearSessionLost();
      // Whatever a previous user had loaded in this tab must not leak into this session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authQueryKeys.all[0] });
      if (isLanguage(user.locale)) await setLanguage(user.locale);
      queryClient.setQueryData(authQueryKeys.session(), user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout', undefined, { skipAuthRedirect: true }),
    // Signed out locally even when the call fails (e.g. the session had already expired).
    onSettled: () => {
      setCsrfToken(null);
      clearSessionLost();
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authQueryKeys.all[0] });
      queryClient.setQueryData(authQueryKeys.session(), null);
    },
  });
}
