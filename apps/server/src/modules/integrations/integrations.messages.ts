import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';

definePermissions(
  'integrations',
  { 'zh-CN': '系统集成', 'en-US': 'Integrations' },
  {
    [Permission.integrationRead]: {
      'zh-CN': '查看集成健康状况（外部系统调用记录）',
      'en-US': 'View integration health (calls to external systems)',
    },
  },
);

/** Administrators look after the external systems. */
export const INTEGRATION_GRANTS: Record<string, readonly string[]> = { [BuiltinRole.admin]: [Permission.integrationRead] };
