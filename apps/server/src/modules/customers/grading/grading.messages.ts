import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';
import { defineErrors } from '../../../kernel/errors.ts';

definePermissions(
  'customers',
  { 'zh-CN': '客户', 'en-US': 'Customers' },
  {
    [Permission.customerGrade]: { 'zh-CN': '调整客户分级与战略客户标记', 'en-US': 'Override customer grades and mark strategic customers' },
    [Permission.customerGradingSettings]: { 'zh-CN': '设置客户分级规则', 'en-US': 'Configure the customer grading rule' },
  },
);

export const GradingErrorCode = defineErrors({
  GRADING_THRESHOLDS_ORDER: {
    status: 400,
    'zh-CN': '分级金额须满足 A > B > C > 0',
    'en-US': 'The grade thresholds must satisfy A > B > C > 0',
  },
});

/** Default grants of the built-in roles for grading (applied once; see the admin module). */
export const GRADING_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesManager]: [Permission.customerGrade],
  [BuiltinRole.salesDirector]: [Permission.customerGrade],
  [BuiltinRole.admin]: [Permission.customerGrade, Permission.customerGradingSettings],
};
