import { useMemo } from 'react';
import type { TMe } from '@crm/contracts';
import { useDepartments } from '../../departments/api/departments.queries.ts';
import type { SubjectRef } from '../api/targets.queries.ts';
import { currentPeriod } from './period-picker.tsx';

/**
 * Whose figures are shown when nobody chose: a rep their own, a manager the team (their
 * department's subtree), a director or anyone else with the "all" scope the whole organisation
 * (its root). The period is the current quarter.
 */
export function useDefaultSubject(me: TMe): { subject: SubjectRef | null; period: string; level: 'mine' | 'team' | 'all' } {
  const period = currentPeriod('quarter');
  const departments = useDepartments({ enabled: me.dataScope === 'all' });
  return useMemo(() => {
    if (me.dataScope === 'own') return { subject: { type: 'user', id: me.id }, period, level: 'mine' };
    if (me.dataScope === 'department') return { subject: { type: 'department', id: me.departmentId }, period, level: 'team' };
    const root = departments.data?.find((d) => d.parentId === null);
    return { subject: root ? { type: 'department', id: root.id } : null, period, level: 'all' };
  }, [me.dataScope, me.id, me.departmentId, departments.data, period]);
}

/** Where the performance page opens for a subject and period. */
export const performanceLink = (period: string, subject: SubjectRef) =>
  `/performance?${new URLSearchParams({ period, subject: `${subject.type}:${subject.id}` }).toString()}`;
