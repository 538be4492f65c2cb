import { useMemo, useState } from 'react';
import { Empty, Flex, Input, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { SearchOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TDepartment } from '@crm/contracts';
import { ancestorIds } from '../../../shared/utils/tree.ts';
import { buildDepartmentTree, departmentKindColor, type DepartmentNode } from './department-tree-data.ts';

interface DepartmentTreePanelProps {
  departments: readonly TDepartment[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  expandedKeys: string[];
  onExpand: (keys: string[]) => void;
}

function NodeTitle({ node }: { node: DepartmentNode }) {
  const { t } = useTranslation();
  return (
    <span className="dept-node" data-testid="department-node">
      <span className="dept-node-name">{node.name}</span>
      <Tag color={departmentKindColor[node.kind]} variant="filled" style={{ marginInlineEnd: 0 }}>
        {t(`departmentKind.${node.kind}`)}
      </Tag>
      {node.headUserName ? (
        <Typography.Text type="secondary" className="dept-node-meta">
          <UserOutlined /> {node.headUserName}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" className="dept-node-meta">
        {t('departments.userCountTag', { count: node.userCount })}
      </Typography.Text>
    </span>
  );
}

function matches(d: TDepartment, term: string): boolean {
  return d.name.toLowerCase().includes(term) || d.code.toLowerCase().includes(term);
}

export function DepartmentTreePanel({ departments, selectedId, onSelect, expandedKeys, onExpand }: DepartmentTreePanelProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const term = search.trim().toLowerCase();

  const { treeData, searchExpanded } = useMemo(() => {
    let visible: readonly TDepartment[] = departments;
    let expanded: string[] | null = null;
    if (term) {
      const keep = new Set<string>();
      for (const d of departments) {
        if (matches(d, term)) for (const id of ancestorIds(departments, d.id)) keep.add(id);
      }
      visible = departments.filter((d) => keep.has(d.id));
      expanded = [...keep];
    }
    const toData = (nodes: DepartmentNode[]): TreeDataNode[] =>
      nodes.map((n) => ({
        key: n.id,
        title: <NodeTitle node={n} />,
        children: toData(n.children),
        isLeaf: n.children.length === 0,
      }));
    return { treeData: toData(buildDepartmentTree(visible)), searchExpanded: expanded };
  }, [departments, term]);

  return (
    <Flex vertical gap={12}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('departments.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="dept-tree" data-testid="department-tree">
        {treeData.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Tree
            blockNode
            showIcon={false}
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={searchExpanded ?? expandedKeys}
            onExpand={(keys) => onExpand(keys.map(String))}
            onSelect={(keys) => {
              const key = keys[0];
              if (key !== undefined) onSelect(String(key));
            }}
          />
        )}
      </div>
    </Flex>
  );
}
