import type { ReactNode } from 'react';
import type { TPermission } from '@crm/contracts';
import { usePermission } from '../../features/auth/hooks/use-permission.ts';
import { ForbiddenPage } from '../pages/forbidden-page.tsx';

/** Routes the user may not open show a 403 page (the menu hides them too). */
export function RequirePermission({ permission, children }: { permission: TPermission; children: ReactNode }) {
  const allowed = usePermission(permission);
  return allowed ? children : <ForbiddenPage />;
}
