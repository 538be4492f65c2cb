import type { TDataScope, TMe } from '@crm/contracts';
import type { Actor, AuthMethod } from '../../kernel/auth/actor.ts';
import type { RequestMeta } from '../../kernel/auth/auth.plugin.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { ActorRoleRow, ActorSource } from './auth.repository.ts';

const SCOPE_RANK: Record<TDataScope, number> = { own: 0, department: 1, all: 2 };

/** A user's rights are the union of their roles' permissions and the widest of their data scopes. */
export function toActor(
  user: Pick<ActorSource, 'id' | 'username' | 'displayName' | 'departmentId' | 'locale'> & {
    roles: readonly ActorRoleRow[];
    departmentIds: readonly string[];
  },
  auth: AuthMethod,
  meta: RequestMeta | null,
): Actor {
  const permissions = new Set<string>();
  let dataScope: TDataScope = 'own';
  for (const r of user.roles) {
    for (const p of r.permissions) permissions.add(p);
    if (SCOPE_RANK[r.dataScope] > SCOPE_RANK[dataScope]) dataScope = r.dataScope;
  }
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    departmentIds: user.departmentIds,
    permissions,
    dataScope,
    locale: user.locale,
    auth,
    ip: meta?.ip ?? null,
    userAgent: meta?.userAgent ?? null,
    requestId: meta?.requestId ?? null,
  };
}

export function toMe(user: ActorSource, actor: Actor, locale: Locale): TMe {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    departmentId: user.departmentId,
    departmentName: user.departmentName,
    locale: user.locale,
    roles: user.roles.map((r) => ({ id: r.id, code: r.code, name: locale === 'zh-CN' ? r.nameZh : r.nameEn })),
    permissions: [...actor.permissions].sort(),
    dataScope: actor.dataScope,
    mustChangePassword: user.mustChangePassword,
  };
}
