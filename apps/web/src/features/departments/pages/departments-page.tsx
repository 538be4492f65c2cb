import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Spin } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type TDepartment } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { ancestorIds } from '../../../shared/utils/tree.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useDepartments } from '../api/departments.queries.ts';
import { DepartmentDetail } from '../components/department-detail.tsx';
import { DepartmentFormDrawer, type DepartmentDrawerState } from '../components/department-form-drawer.tsx';
import { buildDepartmentTree } from '../components/department-tree-data.ts';
import { DepartmentTreePanel } from '../components/department-tree-panel.tsx';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const canManage = usePermission(Permission.departmentManage);
  const departments = useDepartments();
  const items = useMemo(() => departments.data ?? [], [departments.data]);
  const [chosenId, setSelectedId] = useState<string | null>(null);
  const [chosenExpanded, setExpanded] = useState<string[] | null>(null);
  const [drawer, setDrawer] = useState<DepartmentDrawerState>(null);
  const roots = useMemo(() => buildDepartmentTree(items), [items]);

  // Until the user picks: the first top-level department is selected and the top two levels are open.
  const selectedId = chosenId && items.some((d) => d.id === chosenId) ? chosenId : (roots[0]?.id ?? null);
  const expanded = chosenExpanded ?? roots.flatMap((r) => [r.id, ...r.children.map((c) => c.id)]);

  const selected = items.find((d) => d.id === selectedId);
  const parent = selected?.parentId ? items.find((d) => d.id === selected.parentId) : undefined;

  const reveal = (d: TDepartment) => {
    setSelectedId(d.id);
    setExpanded([...new Set([...expanded, ...ancestorIds(items, d.parentId ?? d.id)])]);
  };

  const onDeleted = (d: TDepartment) => setSelectedId(d.parentId);

  return (
    <PageContainer
      title={t('departments.title')}
      extra={
        canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ mode: 'create', parentId: selectedId })}
            disabled={items.length === 0}
            data-testid="department-create"
          >
            {t('departments.create')}
          </Button>
        ) : null
      }
    >
      {departments.isError ? (
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      ) : departments.isPending ? (
        <Spin style={{ display: 'block', padding: 48 }} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={10} xl={8}>
            <Card title={t('departments.tree')} size="small" styles={{ body: { padding: isMobile ? 12 : 16 } }}>
              <DepartmentTreePanel
                departments={items}
                selectedId={selectedId}
                onSelect={setSelectedId}
                expandedKeys={expanded}
                onExpand={setExpanded}
              />
            </Card>
          </Col>
          <Col xs={24} md={14} xl={16}>
            <Card title={t('departments.detail')} size="small" styles={{ body: { padding: isMobile ? 12 : 16 } }}>
              {selected ? (
                <DepartmentDetail
                  department={selected}
                  parent={parent}
                  onCreateChild={() => setDrawer({ mode: 'create', parentId: selected.id })}
                  onEdit={() => setDrawer({ mode: 'edit', department: selected })}
                  onDeleted={onDeleted}
                />
              ) : (
                <Empty description={t('departments.selectHint')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
      <DepartmentFormDrawer
        state={drawer}
        departments={items}
        onClose={() => setDrawer(null)}
        onSaved={(d) => {
          setDrawer(null);
          reveal(d);
        }}
      />
    </PageContainer>
  );
}
