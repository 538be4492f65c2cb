import type { TPermission } from '@crm/contracts';
import { useSession } from '../api/auth.queries.ts';

export function hasPermission(permissions: readonly string[] | undefined, permission: TPermission): boolean {
  return !!permissions && permissions.includes(permission);
}

/** Whether the signed-in user holds a permission (menus, buttons). The server still decides. */
export function usePermission(permission: TPermission): boolean {
  const { data } = useSession();
  return hasPermission(data?.permissions, permission);
}
