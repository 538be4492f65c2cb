import { useMemo } from 'react';
import { Breadcrumb, Select, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { parsePeriod } from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { ancestorIds } from '../../../shared/utils/tree.ts';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { useMetrics, useTargetSplit } from '../api/targets.queries.ts';
import { DepartmentScopeSelect, useScopedDepartments } from '../components/department-scope-select.tsx';
import { currentPeriod, PeriodPicker } from '../components/period-picker.tsx';
import { SplitEditor } from '../components/split-editor.tsx';
import '../targets.css';

/** 业绩目标分解: a department's target for a period and metric, split over its teams and people. */
export function TargetsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const metrics = useMetrics();
  const period = parsePeriod(params.get('period') ?? '') ? params.get('period')! : currentPeriod('quarter');
  const metric = params.get('metric') ?? metrics.data?.[0]?.key ?? '';
  const departmentId = params.get('departmentId') ?? me.departmentId;
  const split = useTargetSplit({ period, metric, departmentId });
  const scoped = useScopedDepartments(me);

  const update = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ period, metric, departmentId, ...patch })) next.set(k, v);
    setParams(next, { replace: false });
  };

  // The way down from the top of what the user sees to the department shown: each step opens its split.
  const trail = useMemo(() => {
    const ids = ancestorIds(scoped.items, departmentId);
    return ids.map((id) => scoped.items.find((d) => d.id === id)!).filter(Boolean);
  }, [scoped.items, departmentId]);

  return (
    <PageContainer
      title={t('targets.title')}
      extra={
        <>
          <PeriodPicker value={period} onChange={(p) => update({ period: p })} data-testid="target-period" />
          <Select
            value={metric || undefined}
            onChange={(m: string) => update({ metric: m })}
            options={(metrics.data ?? []).map((m) => ({ value: m.key, label: m.label }))}
            loading={metrics.isPending}
            style={{ width: 140 }}
            aria-label={t('targets.metric')}
            data-testid="target-metric"
          />
          <DepartmentScopeSelect
            me={me}
            value={departmentId}
            onChange={(id) => update({ departmentId: id })}
            data-testid="target-department"
          />
        </>
      }
    >
      {trail.length > 1 ? (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={trail.map((d) =>
            d.id === departmentId
              ? { title: d.name }
              : {
                  title: (
                    <a
                      href={`?${new URLSearchParams({ period, metric, departmentId: d.id }).toString()}`}
                      onClick={(e) => {
                        e.preventDefault();
                        update({ departmentId: d.id });
                      }}
                    >
                      {d.name}
                    </a>
                  ),
                },
          )}
        />
      ) : null}
      {split.isError ? (
        <QueryError error={split.error} onRetry={() => void split.refetch()} />
      ) : !split.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <SplitEditor split={split.data} onOpenDepartment={(id) => update({ departmentId: id })} onReload={() => void split.refetch()} />
      )}
    </PageContainer>
  );
}
