import { useMemo } from 'react';
import { Card, Checkbox, Col, Empty, Flex, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPermissionInfo } from '@crm/contracts';

interface Group {
  key: string;
  label: string;
  items: TPermissionInfo[];
}

interface Props {
  catalog: TPermissionInfo[] | undefined;
  loading: boolean;
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}

function groupCatalog(catalog: readonly TPermissionInfo[]): Group[] {
  const groups = new Map<string, Group>();
  for (const p of catalog) {
    const g = groups.get(p.group) ?? { key: p.group, label: p.groupLabel, items: [] };
    g.items.push(p);
    groups.set(p.group, g);
  }
  return [...groups.values()];
}

/** Permissions as checkboxes, one card per group (labels come translated from the server). */
export function PermissionPicker({ catalog, loading, value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupCatalog(catalog ?? []), [catalog]);
  const selected = useMemo(() => new Set(value), [value]);

  if (loading) return <Spin />;
  if (groups.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roles.noPermissions')} />;

  const setGroup = (group: Group, checked: boolean) => {
    const next = new Set(selected);
    for (const p of group.items) {
      if (checked) next.add(p.key);
      else next.delete(p.key);
    }
    onChange?.([...next]);
  };

  const toggle = (key: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(key);
    else next.delete(key);
    onChange?.([...next]);
  };

  return (
    <Flex vertical gap={12} data-testid="permission-picker">
      {groups.map((group) => {
        const count = group.items.filter((p) => selected.has(p.key)).length;
        return (
          <Card
            key={group.key}
            size="small"
            title={
              <Checkbox
                checked={count === group.items.length}
                indeterminate={count > 0 && count < group.items.length}
                onChange={(e) => setGroup(group, e.target.checked)}
                disabled={disabled}
              >
                <Typography.Text strong>{group.label}</Typography.Text>
              </Checkbox>
            }
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {count}/{group.items.length}
              </Typography.Text>
            }
          >
            <Row gutter={[8, 8]}>
              {group.items.map((p) => (
                <Col key={p.key} xs={24} sm={12}>
                  <Checkbox
                    checked={selected.has(p.key)}
                    onChange={(e) => toggle(p.key, e.target.checked)}
                    disabled={disabled}
                    data-permission={p.key}
                  >
                    {p.label}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Card>
        );
      })}
    </Flex>
  );
}
