import type { TDepartment } from '@crm/contracts';
import { buildTree, type TreeNode } from '../../../shared/utils/tree.ts';

export type DepartmentNode = TreeNode<TDepartment>;

export function compareDepartments(a: TDepartment, b: TDepartment): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
}

export function buildDepartmentTree(items: readonly TDepartment[]): DepartmentNode[] {
  return buildTree(items, compareDepartments);
}

/** The kind a new child usually has, given its parent's. */
export function suggestedChildKind(parent: TDepartment | undefined): TDepartment['kind'] {
  switch (parent?.kind) {
    case 'group':
      return 'business_unit';
    case 'business_unit':
      return 'office';
    default:
      return 'team';
  }
}

export const departmentKindColor: Record<TDepartment['kind'], string> = {
  group: 'purple',
  business_unit: 'blue',
  office: 'cyan',
  team: 'green',
};
