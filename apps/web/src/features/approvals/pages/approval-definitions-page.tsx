import { useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Form, Input, List, Row, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TApprovalCondition, TApprovalDefinition, TApprovalFactField, TApprovalStep, TApproverSpec } from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useApprovalDefinition, useApprovalTypes, usePublishDefinition } from '../api/approvals.queries.ts';
import { ApproverRows, StepCard } from '../components/step-editor.tsx';

type FormCondition = { field: string; op: TApprovalCondition['op']; value?: string };
type FormStep = Omit<TApprovalStep, 'conditions' | 'autoApprove' | 'timeLimitHours'> & {
  conditions: FormCondition[];
  autoApprove: FormCondition[];
  timeLimitHours?: number | null;
};
type FormValues = { steps: FormStep[]; cc: TApproverSpec[]; note?: string };

function toForm(c: TApprovalCondition): FormCondition {
  return {
    field: c.field,
    op: c.op,
    value: c.value === undefined ? undefined : Array.isArray(c.value) ? c.value.join(',') : String(c.value),
  };
}

/** Form rows back to typed conditions: booleans for boolean facts, lists for `in`. */
function fromForm(c: FormCondition, fields: TApprovalFactField[]): TApprovalCondition {
  if (c.op === 'exists') return { field: c.field, op: c.op };
  const raw = (c.value ?? '').trim();
  if (c.op === 'in')
    return {
      field: c.field,
      op: c.op,
      value: raw
        .split(/[,，]/)
        .map((v) => v.trim())
        .filter(Boolean),
    };
  const type = fields.find((f) => f.key === c.field)?.type;
  if (type === 'boolean') return { field: c.field, op: c.op, value: raw === 'true' || raw === '是' };
  return { field: c.field, op: c.op, value: raw };
}

const newKey = () => `s${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

function Editor({ definition, onDone }: { definition: TApprovalDefinition; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const publish = usePublishDefinition(definition.type.key);
  const [form] = Form.useForm<FormValues>();
  const fields = definition.type.fields;
  const active = definition.versions.find((v) => v.isActive);
  const initial: FormValues = {
    steps: (active?.steps ?? []).map((s) => ({ ...s, conditions: s.conditions.map(toForm), autoApprove: s.autoApprove.map(toForm) })),
    cc: active?.cc ?? [],
  };
  async function submit() {
    const values = await form.validateFields();
    publish.mutate(
      {
        version: definition.type.definitionVersion,
        note: values.note,
        cc: values.cc ?? [],
        steps: values.steps.map((s) => ({
          key: s.key || newKey(),
          name: s.name,
          approvers: s.approvers,
          mode: s.mode ?? 'any',
          timeLimitHours: s.timeLimitHours ?? null,
          conditions: (s.conditions ?? []).map((c) => fromForm(c, fields)),
          autoApprove: (s.autoApprove ?? []).map((c) => fromForm(c, fields)),
        })),
      },
      {
        onSuccess: () => {
          void message.success(t('approvals.definitions.published'));
          onDone();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  }
  return (
    <Form form={form} layout="vertical" initialValues={initial} data-testid="definition-editor">
      <Form.List name="steps">
        {(rows, ops) => (
          <Flex vertical gap={12}>
            {rows.map((row, index) => (
              <StepCard key={row.key} row={row} index={index} count={rows.length} ops={ops} fields={fields} />
            ))}
            <div>
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  ops.add({ key: newKey(), name: '', approvers: [{ kind: 'manager' }], mode: 'any', conditions: [], autoApprove: [] })
                }
                data-testid="step-add"
              >
                {t('approvals.definitions.addStep')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
      <Card size="small" title={t('approvals.definitions.cc')} style={{ marginTop: 12 }}>
        <ApproverRows name={['cc']} path={['cc']} fields={fields} testId="definition-cc" />
      </Card>
      <Form.Item name="note" label={t('approvals.definitions.note')} style={{ marginTop: 12 }}>
        <Input maxLength={200} />
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" loading={publish.isPending} onClick={() => void submit()} data-testid="definition-publish">
          {t('approvals.definitions.publish')}
        </Button>
      </Flex>
    </Form>
  );
}

function StepSummary({ step, fields }: { step: TApprovalStep; fields: TApprovalFactField[] }) {
  const { t } = useTranslation();
  const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  const cond = (c: TApprovalCondition) =>
    `${label(c.field)} ${t(`approvals.definitions.ops.${c.op}`)}${c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.join(',') : String(c.value)}`}`;
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{step.name}</Typography.Text>
      <Flex gap={4} wrap>
        {step.approvers.map((a, i) => (
          <Tag key={i}>
            {t(`approvals.definitions.approverKind.${a.kind}`)}
            {a.kind === 'role'
              ? ` · ${a.roleCode}`
              : a.kind === 'department_head'
                ? ` · ${a.levels}`
                : a.kind === 'field'
                  ? ` · ${label(a.field)}`
                  : ''}
          </Tag>
        ))}
        {step.approvers.length > 1 ? <Tag color="blue">{t(`approvals.mode.${step.mode}`)}</Tag> : null}
        {step.timeLimitHours ? <Tag>{`${step.timeLimitHours} h`}</Tag> : null}
      </Flex>
      {step.conditions.length > 0 ? <Typography.Text type="secondary">{step.conditions.map(cond).join(' · ')}</Typography.Text> : null}
      {step.autoApprove.length > 0 ? (
        <Typography.Text type="success">
          {t('approvals.stepState.auto_approved')} · {step.autoApprove.map(cond).join(' · ')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** 审批流程设计 (administrators): business types, their versions, and the step editor. */
export function ApprovalDefinitionsPage() {
  const { t } = useTranslation();
  const types = useApprovalTypes();
  const [selected, setSelected] = useState<string | undefined>();
  const key = selected ?? types.data?.[0]?.key;
  const definition = useApprovalDefinition(key);
  const [editing, setEditing] = useState(false);
  if (types.isError) return <QueryError error={types.error} onRetry={() => void types.refetch()} />;
  return (
    <PageContainer title={t('approvals.definitions.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={7}>
          <Card size="small" title={t('approvals.definitions.types')}>
            <List
              loading={types.isPending}
              dataSource={types.data ?? []}
              renderItem={(type) => (
                <List.Item
                  onClick={() => {
                    setSelected(type.key);
                    setEditing(false);
                  }}
                  style={{ cursor: 'pointer' }}
                  data-testid="definition-type"
                >
                  <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
                    <Typography.Link strong={type.key === key}>{type.label}</Typography.Link>
                    <Tag>
                      {type.activeVersionNo
                        ? t('approvals.definitions.activeVersion', { no: type.activeVersionNo })
                        : t('approvals.definitions.noDefinition')}
                    </Tag>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={17}>
          {definition.isPending && key ? <Spin /> : null}
          {definition.isError ? <QueryError error={definition.error} onRetry={() => void definition.refetch()} /> : null}
          {!key && !types.isPending ? <Empty /> : null}
          {definition.data ? (
            editing ? (
              <Editor key={definition.data.type.definitionVersion ?? 0} definition={definition.data} onDone={() => setEditing(false)} />
            ) : (
              <Flex vertical gap={12}>
                <Card
                  size="small"
                  title={`${definition.data.type.label} · ${definition.data.type.activeVersionNo ? t('approvals.definitions.activeVersion', { no: definition.data.type.activeVersionNo }) : t('approvals.definitions.noDefinition')}`}
                  extra={
                    <Button type="primary" onClick={() => setEditing(true)} data-testid="definition-edit">
                      {t('approvals.definitions.edit')}
                    </Button>
                  }
                >
                  <List
                    dataSource={definition.data.versions.find((v) => v.isActive)?.steps ?? []}
                    renderItem={(step) => (
                      <List.Item>
                        <StepSummary step={step} fields={definition.data.type.fields} />
                      </List.Item>
                    )}
                  />
                </Card>
                <Card size="small" title={t('approvals.definitions.versions')}>
                  <List
                    dataSource={definition.data.versions}
                    renderItem={(v) => (
                      <List.Item data-testid="definition-version">
                        <Flex gap={8} wrap align="center">
                          <span>
                            {t('approvals.definitions.versionRow', {
                              no: v.versionNo,
                              at: formatDateTime(v.publishedAt),
                              by: v.publishedByName ?? '—',
                            })}
                          </span>
                          {v.isActive ? <Tag color="green">{t('approvals.definitions.active')}</Tag> : null}
                          <Tag>{t('approvals.definitions.stepCount', { count: v.steps.length })}</Tag>
                          <Typography.Text type="secondary">
                            {t('approvals.definitions.instances', { count: v.instanceCount })}
                          </Typography.Text>
                          {v.note ? <Typography.Text type="secondary">{v.note}</Typography.Text> : null}
                        </Flex>
                      </List.Item>
                    )}
                  />
                </Card>
              </Flex>
            )
          ) : null}
        </Col>
      </Row>
    </PageContainer>
  );
}
