import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TDepartment, TMe } from '@crm/contracts';
import { subtreeIds } from '../../../shared/utils/tree.ts';
import { useDepartments } from '../../departments/api/departments.queries.ts';
import { buildDepartmentTree, type DepartmentNode } from '../../departments/components/department-tree-data.ts';

type Option = { value: string; title: string; children: Option[] };

const toOptions = (nodes: DepartmentNode[]): Option[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, children: toOptions(n.children) }));

/** The departments whose figures the user may see: everything, or their own subtree (the server checks too). */
export function useScopedDepartments(me: TMe): { items: TDepartment[]; isPending: boolean } {
  const departments = useDepartments({ enabled: me.dataScope !== 'own' });
  const items = useMemo(() => {
    const all = departments.data ?? [];
    if (me.dataScope === 'all') return all;
    const mine = subtreeIds(all, me.departmentId);
    return all.filter((d) => mine.has(d.id));
  }, [departments.data, me.dataScope, me.departmentId]);
  return { items, isPending: departments.isPending };
}

interface DepartmentScopeSelectProps {
  me: TMe;
  value: string | undefined;
  onChange: (id: string) => void;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function DepartmentScopeSelect({ me, value, onChange, style, 'data-testid': testId }: DepartmentScopeSelectProps) {
  const { t } = useTranslation();
  const scoped = useScopedDepartments(me);
  const treeData = useMemo(() => toOptions(buildDepartmentTree(scoped.items)), [scoped.items]);
  return (
    <TreeSelect
      value={value}
      onChange={(v: string) => onChange(v)}
      treeData={treeData}
      loading={scoped.isPending}
      placeholder={t('targets.pickDepartment')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={{ minWidth: 160, ...style }}
      aria-label={t('targets.department')}
      data-testid={testId}
    />
  );
}
