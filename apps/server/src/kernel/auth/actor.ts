import type { TDataScope } from '@crm/contracts';
import type { Locale } from '../i18n.ts';

export type AuthMethod =
  { method: 'session'; sessionId: string; csrfToken: string } | { method: 'token'; tokenId: string } | { method: 'system'; reason: string };

/** Who is acting, with what rights and from where. Every service function takes one. */
export interface Actor {
  readonly kind: 'user' | 'system';
  readonly userId: string | null;
  readonly username: string;
  readonly displayName: string;
  readonly departmentId: string | null;
  /** The actor's department and every department below it. */
  readonly departmentIds: readonly string[];
  readonly permissions: ReadonlySet<string>;
  readonly dataScope: TDataScope;
  readonly locale: Locale;
  readonly auth: AuthMethod;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly requestId: string | null;
}

/**
 * The one escape from data scopes: an actor that sees everything, for jobs, seeds, migrations and
 * checks that must look across scopes (e.g. duplicate check). Grep for `asSystem(` to review them.
 */
export function asSystem(reason: string, locale: Locale = 'zh-CN'): Actor {
  return {
    kind: 'system',
    userId: null,
    username: `system:${reason}`,
    displayName: `system:${reason}`,
    departmentId: null,
    departmentIds: [],
    permissions: new Set(['*']),
    dataScope: 'all',
    locale,
    auth: { method: 'system', reason },
    ip: null,
    userAgent: null,
    requestId: null,
  };
}

export function hasPermission(actor: Actor, permission: string): boolean {
  return actor.permissions.has(permission) || actor.permissions.has('*');
}
