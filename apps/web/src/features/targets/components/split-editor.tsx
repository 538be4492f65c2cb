import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Progress, Tag, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  completionPercent,
  normaliseValue,
  splitEvenly,
  sumValues,
  toUnits,
  unassignedRemainder,
  type TSaveTargetSplit,
  type TTargetSplit,
  type TTargetSplitLine,
} from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useSaveTargetSplit } from '../api/targets.queries.ts';
import { formatMetricValue, periodLabel } from './target-format.ts';

const OWN = 'own';
const lineKey = (l: Pick<TTargetSplitLine, 'subjectType' | 'subjectId'>) => `${l.subjectType}:${l.subjectId}`;

interface SplitEditorProps {
  split: TTargetSplit;
  onOpenDepartment: (departmentId: string) => void;
  onReload: () => void;
}

/**
 * The department's own target and its split over teams and people: edit, split evenly, see the
 * unassigned remainder change as you type, save everything in one go. Drafts are keyed by the
 * split they belong to, so another period, metric or department starts clean.
 */
export function SplitEditor({ split, onOpenDepartment, onReload }: SplitEditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const save = useSaveTargetSplit();
  const isMobile = useIsMobile();
  const unit = split.metric.unit;
  const splitKey = `${split.period}|${split.metric.key}|${split.department.id}`;
  const [drafts, setDrafts] = useState<{ key: string; values: Map<string, string | null> }>({ key: splitKey, values: new Map() });
  const values = drafts.key === splitKey ? drafts.values : new Map<string, string | null>();

  const serverValue = (k: string) =>
    k === OWN ? (split.own?.value ?? null) : (split.lines.find((l) => lineKey(l) === k)?.target?.value ?? null);
  const valueOf = (k: string) => (values.has(k) ? values.get(k)! : serverValue(k));
  const setValue = (k: string, v: string | null) => {
    const next = new Map(values);
    const normal = v === null || v === '' ? null : (normaliseValue(v, unit) ?? v);
    if (normal === serverValue(k)) next.delete(k);
    else next.set(k, normal);
    setDrafts({ key: splitKey, values: next });
  };

  const own = valueOf(OWN);
  const lineValues = split.lines.map((l) => valueOf(lineKey(l)));
  const assigned = sumValues(lineValues, unit);
  const remainder = unassignedRemainder(own, lineValues, unit);
  const over = remainder !== null && (toUnits(remainder, unit) ?? 0n) < 0n;
  const assignedPercent = completionPercent(assigned, own);
  const changes = values.size;

  const evenSplit = () => {
    if (!own || split.lines.length === 0) return;
    const shares = splitEvenly(own, split.lines.length, unit);
    const next = new Map(values);
    split.lines.forEach((l, i) => {
      const k = lineKey(l);
      if (shares[i] === serverValue(k)) next.delete(k);
      else next.set(k, shares[i]!);
    });
    setDrafts({ key: splitKey, values: next });
  };
  const clearAll = () => {
    const next = new Map(values);
    for (const l of split.lines) {
      const k = lineKey(l);
      if (serverValue(k) === null) next.delete(k);
      else next.set(k, null);
    }
    setDrafts({ key: splitKey, values: next });
  };

  const submit = () => {
    const entries: TSaveTargetSplit['entries'] = [];
    for (const [k, value] of values) {
      if (k === OWN) {
        entries.push({ subjectType: 'department', subjectId: split.department.id, value, version: split.own?.version ?? null });
        continue;
      }
      const line = split.lines.find((l) => lineKey(l) === k);
      if (line) entries.push({ subjectType: line.subjectType, subjectId: line.subjectId, value, version: line.target?.version ?? null });
    }
    if (entries.length === 0) return;
    save.mutate(
      { period: split.period, metric: split.metric.key, departmentId: split.department.id, entries },
      {
        onSuccess: () => {
          setDrafts({ key: splitKey, values: new Map() });
          void message.success(t('targets.saved'));
        },
        onError: (e) => showError(e, { onStale: onReload }),
      },
    );
  };

  const inputProps = useMemo(
    () => ({
      stringMode: true as const,
      min: '0',
      precision: unit === 'amount' ? 2 : 0,
      step: unit === 'amount' ? '10000' : '1',
      placeholder: t('targets.noTarget'),
      suffix: unit === 'amount' ? t('targets.unitYuan') : t('targets.unitCount'),
      formatter: (v: string | undefined) => {
        if (!v) return '';
        const [whole = '', fraction] = v.split('.');
        return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
      },
      parser: (v: string | undefined) => (v ? v.replace(/,/g, '') : ''),
    }),
    [unit, t],
  );

  const lineActions =
    split.canEditLines && split.lines.length > 0 ? (
      <Flex gap={8} wrap>
        <Tooltip title={t('targets.evenSplitHint')}>
          <Button onClick={evenSplit} disabled={!own} data-testid="target-even-split">
            {t('targets.evenSplit')}
          </Button>
        </Tooltip>
        <Button onClick={clearAll}>{t('targets.clearAll')}</Button>
      </Flex>
    ) : null;

  return (
    <Flex vertical gap={16}>
      <Card data-testid="target-own-card">
        <Flex gap={24} wrap justify="space-between" align="center">
          <div style={{ flex: '1 1 280px', minWidth: 0 }}>
            <Typography.Text type="secondary">
              {split.department.name} · {periodLabel(t, split.period)} · {split.metric.label}
            </Typography.Text>
            <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
              {t('targets.departmentTarget')}
            </Typography.Title>
            {split.canEditOwn ? (
              <InputNumber<string>
                {...inputProps}
                value={own ?? undefined}
                onChange={(v) => setValue(OWN, v)}
                style={{ width: '100%', maxWidth: 320 }}
                size="large"
                aria-label={t('targets.departmentTarget')}
                data-testid="target-own-input"
              />
            ) : (
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="target-own-value">
                {own ? formatMetricValue(own, unit) : t('targets.noTarget')}
              </Typography.Title>
            )}
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {split.canEditOwn ? t('targets.ownEditableHint') : t('targets.ownHint')}
            </Typography.Paragraph>
          </div>
          <Flex gap={24} wrap style={{ flex: '1 1 280px' }}>
            <div className="target-figure">
              <Typography.Text type="secondary">{t('targets.assigned')}</Typography.Text>
              <div className="target-figure-value" data-testid="target-assigned">
                {formatMetricValue(assigned, unit)}
              </div>
            </div>
            <div className="target-figure">
              <Typography.Text type="secondary">{over ? t('targets.overAssigned') : t('targets.remainder')}</Typography.Text>
              <div className="target-figure-value" style={{ color: over ? '#cf1322' : undefined }} data-testid="target-remainder">
                {remainder === null ? '—' : formatMetricValue(over ? remainder.slice(1) : remainder, unit)}
              </div>
            </div>
            {assignedPercent !== null ? (
              <Progress
                percent={Math.min(100, assignedPercent)}
                status={over ? 'exception' : undefined}
                format={() => `${assignedPercent.toFixed(1)}%`}
                style={{ flex: '1 1 100%', margin: 0 }}
              />
            ) : null}
          </Flex>
        </Flex>
      </Card>

      <Card
        title={t('targets.split')}
        extra={!isMobile ? lineActions : null}
        styles={{ body: { paddingTop: 8 } }}
        data-testid="target-lines"
      >
        {isMobile && lineActions ? <div style={{ marginBottom: 8 }}>{lineActions}</div> : null}
        {!split.canEditLines ? <Alert type="info" showIcon title={t('targets.readOnly')} style={{ marginBottom: 12 }} /> : null}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('targets.splitHint')}
        </Typography.Paragraph>
        {split.lines.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.noLines')} />
        ) : (
          split.lines.map((line) => {
            const k = lineKey(line);
            const value = valueOf(k);
            const share = completionPercent(value, own);
            return (
              <div
                key={k}
                className={`target-line${values.has(k) ? ' target-line-changed' : ''}`}
                data-testid={`target-line-${line.subjectId}`}
              >
                <Flex gap={8} align="center" className="target-line-name">
                  {line.subjectType === 'department' ? <ApartmentOutlined /> : <UserOutlined />}
                  <Typography.Text strong ellipsis>
                    {line.name}
                  </Typography.Text>
                  {line.subjectType === 'department' ? (
                    <Button type="link" size="small" onClick={() => onOpenDepartment(line.subjectId)} style={{ padding: 0 }}>
                      {t('targets.openSplit')}
                    </Button>
                  ) : null}
                  {!line.isActive ? <Tag>{t('targets.disabledUser')}</Tag> : null}
                </Flex>
                <div className="target-line-input">
                  {split.canEditLines ? (
                    <InputNumber<string>
                      {...inputProps}
                      value={value ?? undefined}
                      onChange={(v) => setValue(k, v)}
                      style={{ width: '100%' }}
                      aria-label={line.name}
                      data-testid={`target-input-${line.subjectId}`}
                    />
                  ) : (
                    <Typography.Text>{value ? formatMetricValue(value, unit) : t('targets.noTarget')}</Typography.Text>
                  )}
                </div>
                <Typography.Text type="secondary" className="target-line-share">
                  {share === null ? '—' : `${share.toFixed(1)}%`}
                </Typography.Text>
              </div>
            );
          })
        )}
      </Card>

      {split.canEditLines || split.canEditOwn ? (
        <div className={`target-save-bar${changes > 0 ? ' target-save-bar-dirty' : ''}`}>
          <Typography.Text type={changes > 0 ? 'warning' : 'secondary'}>
            {changes > 0 ? t('targets.unsaved', { count: changes }) : ''}
          </Typography.Text>
          <Flex gap={8}>
            <Button disabled={changes === 0} onClick={() => setDrafts({ key: splitKey, values: new Map() })}>
              {t('targets.discard')}
            </Button>
            <Button type="primary" disabled={changes === 0} loading={save.isPending} onClick={submit} data-testid="target-save">
              {t('targets.saveSplit')}
            </Button>
          </Flex>
        </div>
      ) : null}
    </Flex>
  );
}
