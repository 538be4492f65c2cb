import { Button, Checkbox, Col, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Permission } from '@crm/contracts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { DepartmentTreeSelect } from '../../departments/components/department-tree-select.tsx';
import { useRoles } from '../../roles/api/roles.queries.ts';
import type { UserFilters } from '../api/users.queries.ts';

interface Props {
  filters: UserFilters;
  onChange: (filters: UserFilters) => void;
}

export function UserFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const canReadRoles = usePermission(Permission.roleRead);
  const canReadDepartments = usePermission(Permission.departmentRead);
  const roles = useRoles({ enabled: canReadRoles });

  return (
    <Row gutter={[12, 12]} align="middle">
      <Col xs={24} sm={12} lg={6}>
        <Input.Search
          // Uncontrolled, re-created when the address bar's q changes (reset, back button).
          key={filters.q ?? ''}
          allowClear
          placeholder={t('users.searchPlaceholder')}
          defaultValue={filters.q ?? ''}
          onSearch={(value) => onChange({ ...filters, q: value.trim() || undefined })}
          data-testid="user-search"
        />
      </Col>
      {canReadDepartments ? (
        <Col xs={24} sm={12} lg={8}>
          <div className="filter-with-check">
            <DepartmentTreeSelect
              allowClear
              placeholder={t('users.allDepartments')}
              value={filters.departmentId ?? null}
              onChange={(departmentId) => onChange({ ...filters, departmentId })}
            />
            <Checkbox
              checked={filters.includeSubDepartments !== false}
              disabled={!filters.departmentId}
              onChange={(e) => onChange({ ...filters, includeSubDepartments: e.target.checked })}
            >
              {t('users.includeSub')}
            </Checkbox>
          </div>
        </Col>
      ) : null}
      {canReadRoles ? (
        <Col xs={12} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('users.allRoles')}
            value={filters.roleId}
            onChange={(roleId?: string) => onChange({ ...filters, roleId })}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            loading={roles.isPending}
          />
        </Col>
      ) : null}
      <Col xs={12} sm={8} lg={3}>
        <Select<string>
          allowClear
          style={{ width: '100%' }}
          placeholder={t('users.allStatus')}
          value={filters.isActive === undefined ? undefined : filters.isActive ? '1' : '0'}
          onChange={(v?: string) => onChange({ ...filters, isActive: v === undefined ? undefined : v === '1' })}
          options={[
            { value: '1', label: t('users.active') },
            { value: '0', label: t('users.inactive') },
          ]}
        />
      </Col>
      <Col xs={24} sm={8} lg={3}>
        <Button onClick={() => onChange({ sort: filters.sort, includeSubDepartments: true })}>{t('common.reset')}</Button>
      </Col>
    </Row>
  );
}
