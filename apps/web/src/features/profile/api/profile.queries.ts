import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TApiToken, TChangePassword, TCreateApiToken, TCreatedApiToken, TMe, TPage, TUpdateProfile } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { authQueryKeys } from '../../auth/api/auth.queries.ts';

export const profileQueryKeys = {
  all: ['profile'] as const,
  apiTokens: () => [...profileQueryKeys.all, 'api-tokens'] as const,
};

/** PATCH /me; the answer replaces the session's user (the one "me" in the cache). */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateProfile) => api.patch<TMe>('/me', body),
    onSuccess: (me) => {
      queryClient.setQueryData(authQueryKeys.session(), me);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TChangePassword) => api.post<void>('/me/password', body),
    // mustChangePassword is cleared on the server; the session answer carries it (and a fresh CSRF token).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authQueryKeys.session() }),
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: profileQueryKeys.apiTokens(),
    queryFn: ({ signal }) => api.get<TPage<TApiToken>>('/me/api-tokens', undefined, { signal }),
    select: (page) => page.items,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateApiToken) => api.post<TCreatedApiToken>('/me/api-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileQueryKeys.apiTokens() }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/me/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileQueryKeys.apiTokens() }),
  });
}
