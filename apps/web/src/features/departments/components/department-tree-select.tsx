import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../api/departments.queries.ts';
import { buildDepartmentTree, type DepartmentNode } from './department-tree-data.ts';

interface TreeSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeSelectNode[];
}

interface DepartmentTreeSelectProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Ids that cannot be chosen (e.g. a department and its subtree when moving it). */
  disabledIds?: ReadonlySet<string>;
  disabled?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

function toOptions(nodes: DepartmentNode[], disabledIds?: ReadonlySet<string>): TreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: disabledIds?.has(n.id),
    children: toOptions(n.children, disabledIds),
  }));
}

export function DepartmentTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  disabledIds,
  disabled,
  style,
  id,
  'data-testid': testId,
}: DepartmentTreeSelectProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const treeData = useMemo(() => toOptions(buildDepartmentTree(departments.data ?? []), disabledIds), [departments.data, disabledIds]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      loading={departments.isPending}
      placeholder={placeholder ?? t('common.selectPlaceholder')}
      allowClear={allowClear}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={treeData.length < 60}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
    />
  );
}
