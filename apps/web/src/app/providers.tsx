import { useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { configureApiClient, setCsrfToken } from '../shared/api/api-client.ts';
import { createQueryClient } from '../shared/api/query-client.ts';
import { currentLanguage, i18n, type Language } from '../shared/i18n/i18n.ts';
import { authQueryKeys } from '../features/auth/api/auth.queries.ts';
import { noteSessionLost } from '../features/auth/session-events.ts';

export const queryClient = createQueryClient();

configureApiClient({
  language: currentLanguage,
  fallbackMessages: () => ({ network: i18n.t('errors.network'), unexpected: i18n.t('errors.unexpected') }),
  // 401 UNAUTHENTICATED / SESSION_EXPIRED on any call: drop the session; the guard goes to /login.
  onUnauthenticated: () => {
    setCsrfToken(null);
    if (queryClient.getQueryData(authQueryKeys.session())) {
      noteSessionLost();
      queryClient.setQueryData(authQueryKeys.session(), null);
    }
  },
});

const antdLocales: Record<Language, Locale> = { 'zh-CN': antdZhCN, 'en-US': antdEnUS };

export function AppProviders({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const [language, setLanguageState] = useState<Language>(currentLanguage);

  useEffect(() => {
    const onChange = () => {
      setLanguageState(currentLanguage());
      // Server texts (titles, permission labels, role names) come in the request's language.
      void queryClient.invalidateQueries();
    };
    instance.on('languageChanged', onChange);
    return () => instance.off('languageChanged', onChange);
  }, [instance]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocales[language]} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
        <AntApp className="ant-app-root">{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
