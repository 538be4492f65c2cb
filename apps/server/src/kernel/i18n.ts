import type { TLocale } from '@crm/contracts';

export type Locale = TLocale;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
export type Messages = Record<string, string>;

const catalogs: Record<Locale, Map<string, string>> = { 'zh-CN': new Map(), 'en-US': new Map() };

/** Modules add their messages (notification texts, permission labels, error messages) at load time. */
export function registerMessages(messages: Record<Locale, Messages>): void {
  for (const locale of LOCALES) {
    for (const [key, text] of Object.entries(messages[locale])) catalogs[locale].set(key, text);
  }
}

export function hasMessage(key: string): boolean {
  return catalogs['en-US'].has(key);
}

export function translate(locale: Locale, key: string, params?: Record<string, unknown>): string {
  const template = catalogs[locale].get(key) ?? catalogs['en-US'].get(key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** Picks zh-CN or en-US from an Accept-Language header; undefined when it names neither. */
export function localeFromHeader(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return undefined;
}
