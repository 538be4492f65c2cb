import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Flex, Popconfirm, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permission, type TDepartment } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { departmentsQueryKeys, useDeleteDepartment } from '../api/departments.queries.ts';
import { departmentKindColor } from './department-tree-data.ts';

interface Props {
  department: TDepartment;
  parent: TDepartment | undefined;
  onCreateChild: () => void;
  onEdit: () => void;
  onDeleted: (department: TDepartment) => void;
}

export function DepartmentDetail({ department, parent, onCreateChild, onEdit, onDeleted }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = usePermission(Permission.departmentManage);
  const canReadUsers = usePermission(Permission.userRead);
  const remove = useDeleteDepartment();
  const queryClient = useQueryClient();
  const showError = useApiError();

  const onDelete = () =>
    remove.mutate(
      { id: department.id, version: department.version },
      {
        onSuccess: () => {
          void message.success(t('departments.deleted'));
          onDeleted(department);
        },
        onError: (e) => showError(e, { onStale: () => void queryClient.invalidateQueries({ queryKey: departmentsQueryKeys.list() }) }),
      },
    );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {department.name}
          </Typography.Title>
          <Tag color={departmentKindColor[department.kind]}>{t(`departmentKind.${department.kind}`)}</Tag>
        </Flex>
        <Flex gap={8} wrap>
          {canReadUsers ? (
            <Link to={`/admin/users?departmentId=${encodeURIComponent(department.id)}&sub=1`}>
              <Button icon={<TeamOutlined />}>{t('departments.viewUsers')}</Button>
            </Link>
          ) : null}
          {canManage ? (
            <>
              <Button icon={<PlusOutlined />} onClick={onCreateChild} data-testid="department-create-child">
                {t('departments.createChild')}
              </Button>
              <Button icon={<EditOutlined />} onClick={onEdit} data-testid="department-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('departments.deleteConfirm', { name: department.name })}
                description={t('departments.deleteHint')}
                okButtonProps={{ danger: true, loading: remove.isPending }}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="department-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
        </Flex>
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
        items={[
          { key: 'name', label: t('departments.name'), children: department.name },
          { key: 'code', label: t('departments.code'), children: <Typography.Text code>{department.code}</Typography.Text> },
          { key: 'kind', label: t('departments.kind'), children: t(`departmentKind.${department.kind}`) },
          { key: 'parent', label: t('departments.parent'), children: parent?.name ?? t('departments.root') },
          { key: 'head', label: t('departments.head'), children: department.headUserName ?? t('departments.noHead') },
          { key: 'users', label: t('departments.userCount'), children: department.userCount },
          { key: 'sort', label: t('departments.sortOrder'), children: department.sortOrder },
          { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(department.updatedAt) },
        ]}
      />
    </Flex>
  );
}
