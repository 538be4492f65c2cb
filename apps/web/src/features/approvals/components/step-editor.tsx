import { AutoComplete, Button, Card, Flex, Form, Input, InputNumber, Select, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormListFieldData, FormListOperation } from 'antd';
import { useTranslation } from 'react-i18next';
import { BuiltinRole, type TApprovalFactField } from '@crm/contracts';
import { PersonSelect } from './person-select.tsx';

const OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'in', 'exists'] as const;
const KINDS = ['manager', 'department_head', 'role', 'user', 'field'] as const;

/** `name` is relative to the enclosing list; `path` is the same place from the form's root (for reading values). */
function ConditionRows({
  name,
  path,
  label,
  fields,
  testId,
}: {
  name: (string | number)[];
  path: (string | number)[];
  label: string;
  fields: TApprovalFactField[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <Flex vertical gap={6} data-testid={testId}>
          <Typography.Text type="secondary">{label}</Typography.Text>
          {rows.map((row) => (
            <Flex key={row.key} gap={6} wrap align="start">
              <Form.Item name={[row.name, 'field']} rules={[{ required: true }]} style={{ marginBottom: 0, minWidth: 150, flex: 1 }}>
                <Select options={fields.map((f) => ({ value: f.key, label: f.label }))} placeholder={t('approvals.definitions.field')} />
              </Form.Item>
              <Form.Item name={[row.name, 'op']} rules={[{ required: true }]} style={{ marginBottom: 0, width: 150 }}>
                <Select options={OPS.map((op) => ({ value: op, label: t(`approvals.definitions.ops.${op}`) }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue([...path, row.name, 'op']) === 'exists' ? null : (
                    <Form.Item name={[row.name, 'value']} style={{ marginBottom: 0, width: 140 }}>
                      <Input placeholder={t('approvals.definitions.value')} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
            </Flex>
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ op: 'gt' })}>
              {t('approvals.definitions.addCondition')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

export function ApproverRows({
  name,
  path,
  fields,
  testId,
}: {
  name: (string | number)[];
  path: (string | number)[];
  fields: TApprovalFactField[];
  testId: string;
}) {
  const { t } = useTranslation();
  const userFields = fields.filter((f) => f.type === 'user');
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <Flex vertical gap={6} data-testid={testId}>
          {rows.map((row) => (
            <Flex key={row.key} gap={6} wrap align="start">
              <Form.Item name={[row.name, 'kind']} rules={[{ required: true }]} style={{ marginBottom: 0, width: 200 }}>
                <Select
                  options={KINDS.map((k) => ({ value: k, label: t(`approvals.definitions.approverKind.${k}`) }))}
                  data-testid="approver-kind"
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const kind = getFieldValue([...path, row.name, 'kind']);
                  if (kind === 'user')
                    return (
                      <Form.Item
                        name={[row.name, 'userId']}
                        rules={[{ required: true }]}
                        style={{ marginBottom: 0, minWidth: 180, flex: 1 }}
                      >
                        <PersonSelect />
                      </Form.Item>
                    );
                  if (kind === 'role')
                    return (
                      <Form.Item name={[row.name, 'roleCode']} rules={[{ required: true }]} style={{ marginBottom: 0, width: 180 }}>
                        <AutoComplete
                          options={Object.values(BuiltinRole).map((r) => ({ value: r }))}
                          placeholder={t('approvals.definitions.roleCode')}
                        />
                      </Form.Item>
                    );
                  if (kind === 'department_head')
                    return (
                      <Form.Item name={[row.name, 'levels']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                        <InputNumber min={0} max={10} addonBefore={t('approvals.definitions.levels')} />
                      </Form.Item>
                    );
                  if (kind === 'field')
                    return (
                      <Form.Item name={[row.name, 'field']} rules={[{ required: true }]} style={{ marginBottom: 0, width: 180 }}>
                        <Select options={userFields.map((f) => ({ value: f.key, label: f.label }))} />
                      </Form.Item>
                    );
                  return null;
                }}
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
            </Flex>
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'manager' })} data-testid="approver-add">
              {t('approvals.definitions.addApprover')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

/** One step of a definition in the editor: name, approvers, all/any, conditions, auto-approval, time limit. */
export function StepCard({
  row,
  index,
  count,
  ops,
  fields,
}: {
  row: FormListFieldData;
  index: number;
  count: number;
  ops: FormListOperation;
  fields: TApprovalFactField[];
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="step-card"
      title={
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{index + 1}.</Typography.Text>
          <Form.Item name={[row.name, 'name']} rules={[{ required: true, whitespace: true }]} style={{ marginBottom: 0, flex: 1 }}>
            <Input placeholder={t('approvals.definitions.stepName')} maxLength={60} data-testid="step-name" />
          </Form.Item>
        </Flex>
      }
      extra={
        <Flex gap={4}>
          <Tooltip title={t('approvals.definitions.moveUp')}>
            <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => ops.move(index, index - 1)} />
          </Tooltip>
          <Tooltip title={t('approvals.definitions.moveDown')}>
            <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => ops.move(index, index + 1)} />
          </Tooltip>
          <Tooltip title={t('approvals.definitions.removeStep')}>
            <Button size="small" danger icon={<DeleteOutlined />} disabled={count === 1} onClick={() => ops.remove(row.name)} />
          </Tooltip>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <div>
          <Typography.Text type="secondary">{t('approvals.definitions.approvers')}</Typography.Text>
          <ApproverRows name={[row.name, 'approvers']} path={['steps', row.name, 'approvers']} fields={fields} testId="step-approvers" />
        </div>
        <Flex gap={12} wrap>
          <Form.Item name={[row.name, 'mode']} label={t('approvals.definitions.mode')} style={{ marginBottom: 0, minWidth: 220 }}>
            <Select options={(['any', 'all'] as const).map((m) => ({ value: m, label: t(`approvals.mode.${m}`) }))} />
          </Form.Item>
          <Form.Item
            name={[row.name, 'timeLimitHours']}
            label={t('approvals.definitions.timeLimit')}
            tooltip={t('approvals.definitions.timeLimitHint')}
            style={{ marginBottom: 0 }}
          >
            <InputNumber min={1} max={720} style={{ width: 140 }} />
          </Form.Item>
        </Flex>
        <ConditionRows
          name={[row.name, 'conditions']}
          path={['steps', row.name, 'conditions']}
          label={t('approvals.definitions.conditions')}
          fields={fields}
          testId="step-conditions"
        />
        <ConditionRows
          name={[row.name, 'autoApprove']}
          path={['steps', row.name, 'autoApprove']}
          label={t('approvals.definitions.autoApprove')}
          fields={fields}
          testId="step-auto"
        />
      </Flex>
    </Card>
  );
}
