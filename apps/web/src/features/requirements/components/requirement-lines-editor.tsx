import { Button, Card, Col, Empty, Flex, Input, Row, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TProduct, TRequirementLine, TRequirementLineDecision, TRequirementLineInput } from '@crm/contracts';
import { LineDateInput, LineQtyInput, RemoveLineButton, lineEdits } from '../../catalogue-lines/line-cells.tsx';
import { LineDecisionTag } from './requirement-status-tag.tsx';

/** A line as the form holds it: text as typed ('' = not given). */
export type EditorLine = {
  key: string;
  /** The stored line this one keeps (its review stays when nothing of it changes). */
  id?: string;
  productId: string | null;
  materialCode: string | null;
  name: string;
  spec: string;
  unit: string;
  description: string;
  parameters: { name: string; value: string }[];
  qty: string;
  wantedDate: string | null;
  /** The review of a stored line, shown while the line is kept. */
  decision?: TRequirementLineDecision;
};

let keySeq = 0;
const newKey = () => `line-${Date.now().toString(36)}-${(keySeq += 1)}`;

export function lineOfProduct(p: TProduct): EditorLine {
  return {
    key: newKey(),
    productId: p.id,
    materialCode: p.materialCode,
    name: p.name,
    spec: p.model ?? '',
    unit: p.unit,
    description: '',
    parameters: [],
    qty: '1',
    wantedDate: null,
  };
}

export function freeLine(): EditorLine {
  return {
    key: newKey(),
    productId: null,
    materialCode: null,
    name: '',
    spec: '',
    unit: '',
    description: '',
    parameters: [{ name: '', value: '' }],
    qty: '1',
    wantedDate: null,
  };
}

/** A stored line back into the form, as the rep entered it. */
export function fromRequirementLine(l: TRequirementLine): EditorLine {
  const catalogue = l.requested.productId !== null;
  return {
    key: l.id,
    id: l.id,
    productId: l.requested.productId,
    materialCode: catalogue ? l.materialCode : null,
    name: catalogue ? l.name : l.requested.name,
    spec: (catalogue ? l.spec : l.requested.spec) ?? '',
    unit: (catalogue ? l.unit : l.requested.unit) ?? '',
    description: l.description ?? '',
    parameters: l.parameters.map((p) => ({ ...p })),
    qty: l.qty,
    wantedDate: l.wantedDate,
    decision: l.review.decision,
  };
}

export function toLineInput(l: EditorLine): TRequirementLineInput {
  return {
    ...(l.id ? { id: l.id } : {}),
    ...(l.productId
      ? { productId: l.productId }
      : { productId: null, name: l.name.trim(), spec: l.spec.trim() || null, unit: l.unit.trim() || null }),
    description: l.description.trim() || null,
    parameters: l.parameters.filter((p) => p.name.trim() && p.value.trim()).map((p) => ({ name: p.name.trim(), value: p.value.trim() })),
    qty: l.qty,
    wantedDate: l.wantedDate,
  };
}

/** Whether a line can be saved: a name for free text, a positive quantity. */
export function lineProblem(l: EditorLine): 'name' | 'qty' | null {
  if (!l.productId && !l.name.trim()) return 'name';
  if (!/^\d{1,12}(\.\d{1,4})?$/.test(l.qty) || !/[1-9]/.test(l.qty)) return 'qty';
  return null;
}

interface Props {
  lines: EditorLine[];
  onChange: (lines: EditorLine[]) => void;
  isMobile: boolean;
  /** Show the problems of each line (after a save was tried). */
  showProblems: boolean;
}

/** The lines of a requirement as cards: one column on phones, with large fields; parameters as name/value rows. */
export function RequirementLinesEditor({ lines, onChange, isMobile, showProblems }: Props) {
  const { t } = useTranslation();
  const size = isMobile ? 'large' : 'middle';
  const edits = lineEdits(lines, onChange);
  // A change to a kept line makes its review void: the tag goes (the server resets it too).
  const update = (key: string, patch: Partial<EditorLine>) => edits.update(key, { ...patch, decision: undefined });
  const { remove } = edits;

  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requirements.form.noLines')} />;

  return (
    <Flex vertical gap={12}>
      {lines.map((l, i) => {
        const problem = showProblems ? lineProblem(l) : null;
        const setParam = (index: number, patch: Partial<{ name: string; value: string }>) =>
          update(l.key, { parameters: l.parameters.map((p, n) => (n === index ? { ...p, ...patch } : p)) });
        return (
          <Card
            key={l.key}
            size="small"
            data-testid="requirement-line-editor"
            data-kind={l.productId ? 'catalogue' : 'free'}
            title={
              <Flex gap={8} align="center" wrap>
                <span>{t('requirements.form.lineNo', { no: i + 1 })}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                  {l.productId ? t('requirements.form.catalogue') : t('requirements.form.free')}
                </Typography.Text>
                {l.decision && l.decision !== 'pending' ? <LineDecisionTag decision={l.decision} /> : null}
              </Flex>
            }
            extra={
              <RemoveLineButton onClick={() => remove(l.key)} label={t('requirements.form.remove')} testId="requirement-line-remove" />
            }
          >
            <Flex vertical gap={10}>
              {l.productId ? (
                <div>
                  <Typography.Text strong style={{ display: 'block' }}>
                    {l.materialCode} · {l.name}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[l.spec, l.unit].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
              ) : (
                <Row gutter={[8, 8]}>
                  <Col xs={24} md={12}>
                    <Input
                      size={size}
                      value={l.name}
                      onChange={(e) => update(l.key, { name: e.target.value })}
                      placeholder={t('requirements.form.namePlaceholder')}
                      aria-label={t('requirements.form.name')}
                      status={problem === 'name' ? 'error' : undefined}
                      maxLength={200}
                      data-testid="requirement-line-name"
                    />
                    {problem === 'name' ? <Typography.Text type="danger">{t('requirements.form.nameRequired')}</Typography.Text> : null}
                  </Col>
                  <Col xs={16} md={8}>
                    <Input
                      size={size}
                      value={l.spec}
                      onChange={(e) => update(l.key, { spec: e.target.value })}
                      placeholder={t('requirements.form.spec')}
                      aria-label={t('requirements.form.spec')}
                      maxLength={300}
                    />
                  </Col>
                  <Col xs={8} md={4}>
                    <Input
                      size={size}
                      value={l.unit}
                      onChange={(e) => update(l.key, { unit: e.target.value })}
                      placeholder={t('requirements.form.unit')}
                      aria-label={t('requirements.form.unit')}
                      maxLength={20}
                      data-testid="requirement-line-unit"
                    />
                  </Col>
                </Row>
              )}
              <Row gutter={[8, 8]}>
                <Col xs={12} md={6}>
                  <LineQtyInput
                    size={size}
                    value={l.qty}
                    onChange={(qty) => update(l.key, { qty })}
                    placeholder={t('requirements.form.qty')}
                    label={t('requirements.form.qty')}
                    status={problem === 'qty' ? 'error' : undefined}
                    inputMode="decimal"
                    testId="requirement-line-qty"
                  />
                </Col>
                <Col xs={12} md={6}>
                  <LineDateInput
                    size={size}
                    value={l.wantedDate}
                    onChange={(wantedDate) => update(l.key, { wantedDate })}
                    placeholder={t('requirements.form.lineWantedDate')}
                    inputReadOnly={isMobile}
                  />
                </Col>
                <Col xs={24} md={12}>
                  <Input.TextArea
                    value={l.description}
                    onChange={(e) => update(l.key, { description: e.target.value })}
                    placeholder={t('requirements.form.descriptionPlaceholder')}
                    aria-label={t('requirements.form.description')}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={2000}
                    style={isMobile ? { fontSize: 16 } : undefined}
                    data-testid="requirement-line-description"
                  />
                </Col>
              </Row>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('requirements.form.parameters')}
                </Typography.Text>
                <Flex vertical gap={6} style={{ marginTop: 4 }}>
                  {l.parameters.map((p, n) => (
                    <Flex key={n} gap={6} align="center" data-testid="requirement-parameter">
                      <Input
                        size={size}
                        value={p.name}
                        onChange={(e) => setParam(n, { name: e.target.value })}
                        placeholder={t('requirements.form.paramName')}
                        aria-label={t('requirements.form.paramName')}
                        maxLength={60}
                        style={{ flex: '1 1 40%' }}
                        data-testid="requirement-parameter-name"
                      />
                      <Input
                        size={size}
                        value={p.value}
                        onChange={(e) => setParam(n, { value: e.target.value })}
                        placeholder={t('requirements.form.paramValue')}
                        aria-label={t('requirements.form.paramValue')}
                        maxLength={200}
                        style={{ flex: '1 1 60%' }}
                        data-testid="requirement-parameter-value"
                      />
                      <Button
                        type="text"
                        size={size}
                        icon={<MinusCircleOutlined />}
                        onClick={() => update(l.key, { parameters: l.parameters.filter((_, k) => k !== n) })}
                        aria-label={t('requirements.form.remove')}
                      />
                    </Flex>
                  ))}
                  <Button
                    type="dashed"
                    size={size}
                    icon={<PlusOutlined />}
                    onClick={() => update(l.key, { parameters: [...l.parameters, { name: '', value: '' }] })}
                    block={isMobile}
                    style={isMobile ? undefined : { alignSelf: 'flex-start' }}
                    data-testid="requirement-parameter-add"
                  >
                    {t('requirements.form.addParameter')}
                  </Button>
                </Flex>
              </div>
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
