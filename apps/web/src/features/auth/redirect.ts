/** Only same-app paths are valid return targets after sign-in (no open redirect). */
export function safeRedirect(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}

export function loginPath(target: string, expired = false): string {
  const params = new URLSearchParams();
  if (target && target !== '/') params.set('redirect', target);
  if (expired) params.set('expired', '1');
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
