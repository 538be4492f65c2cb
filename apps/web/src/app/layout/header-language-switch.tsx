import { useQueryClient } from '@tanstack/react-query';
import type { TMe } from '@crm/contracts';
import { LangSwitch } from '../../shared/ui/lang-switch.tsx';
import { useApiError } from '../../shared/ui/use-api-error.tsx';
import { authQueryKeys } from '../../features/auth/api/auth.queries.ts';
import { useUpdateProfile } from '../../features/profile/api/profile.queries.ts';

/** Switching language while signed in also stores it on the user (PATCH /me {locale}). */
export function HeaderLanguageSwitch({ compact = false }: { compact?: boolean }) {
  const queryClient = useQueryClient();
  const update = useUpdateProfile();
  const showError = useApiError();
  return (
    <LangSwitch
      compact={compact}
      onChange={(locale) => {
        const me = queryClient.getQueryData<TMe | null>(authQueryKeys.session());
        if (me && me.locale !== locale) update.mutate({ locale }, { onError: (e) => showError(e) });
      }}
    />
  );
}
