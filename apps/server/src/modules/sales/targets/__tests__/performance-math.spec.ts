import { describe, expect, it } from 'vitest';
import { asSystem, type Actor } from '../../../../kernel/auth/actor.ts';
import { createMetricRegistry } from '../metric-registry.ts';
import { canEditOwnTarget, canSeeDepartment, canSeeUser, createOrgView } from '../org-view.ts';
import { collectActuals, formatUnits, monthlyActuals, rankStandings, sumActuals, unitsOf } from '../performance-math.ts';
import { splitBySteps } from '../targets.seed.ts';

describe('ranking within a department', () => {
  it('orders by completion, people with a target before those without, then by actual', () => {
    const places = rankStandings([
      { id: 'a', target: '100.00', actual: '50.00' }, // 50 %
      { id: 'b', target: '10.00', actual: '12.00' }, // 120 %
      { id: 'c', target: null, actual: '900.00' }, // no target: after everyone with one
      { id: 'd', target: '200.00', actual: '100.00' }, // 50 %, more actual than a
      { id: 'e', target: null, actual: '0.00' },
    ]);
    expect(Object.fromEntries(places)).toEqual({ b: 1, d: 2, a: 3, c: 4, e: 5 });
  });

  it('gives equal standings the same place and skips the next', () => {
    const places = rankStandings([
      { id: 'a', target: '10', actual: '5' },
      { id: 'b', target: '10', actual: '5' },
      { id: 'c', target: '10', actual: '2' },
      { id: 'd', target: '20', actual: '10' },
    ]);
    // a, b and d all stand at 50 %; d has the larger actual.
    expect(Object.fromEntries(places)).toEqual({ d: 1, a: 2, b: 2, c: 4 });
  });

  it('ranks nobody on a metric that is not measured', () => {
    expect(rankStandings([{ id: 'a', target: '10', actual: null }]).size).toBe(0);
  });
});

describe('actuals', () => {
  const rows = [
    { userId: 'u1', month: '2026-10', value: '100.10' },
    { userId: 'u1', month: '2026-10', value: 0.2 },
    { userId: 'u1', month: '2026-11', value: '0.005' }, // a provider's third decimal rounds half-up to the fen
    { userId: 'u2', month: '2026-12', value: '5' },
    { userId: 'u3', month: '2027-01', value: '7' },
  ];

  it('adds up exactly per user, month and team', () => {
    const actuals = collectActuals(rows, 'amount');
    expect(formatUnits(sumActuals(actuals, ['u1']), 'amount')).toBe('100.31');
    expect(formatUnits(sumActuals(actuals, ['u1', 'u2', 'nobody']), 'amount')).toBe('105.31');
    expect(monthlyActuals(actuals, ['u1', 'u2', 'u3'], ['2026-10', '2026-11', '2026-12']).map((u) => formatUnits(u, 'amount'))).toEqual([
      '100.30',
      '0.01',
      '5.00',
    ]);
    expect(formatUnits(sumActuals(actuals, ['u3'], new Set(['2026-12'])), 'amount')).toBe('0.00');
  });

  it('reads counts as whole numbers', () => {
    expect(unitsOf(3, 'count')).toBe(3n);
    expect(unitsOf('12', 'count')).toBe(12n);
    expect(formatUnits(sumActuals(collectActuals([{ userId: 'x', month: '2026-01', value: 2 }], 'count'), ['x']), 'count')).toBe('2');
  });
});

describe('organisation and scopes', () => {
  const org = createOrgView([
    { id: 'g', parentId: null, name: 'Group', path: '/g/', sortOrder: 0 },
    { id: 'bu', parentId: 'g', name: 'BU', path: '/g/bu/', sortOrder: 1 },
    { id: 'o2', parentId: 'bu', name: 'North', path: '/g/bu/o2/', sortOrder: 3 },
    { id: 'o1', parentId: 'bu', name: 'East', path: '/g/bu/o1/', sortOrder: 2 },
    { id: 't1', parentId: 'o1', name: 'East 1', path: '/g/bu/o1/t1/', sortOrder: 4 },
  ]);
  const actor = (over: Partial<Actor>): Actor => ({ ...asSystem('test'), kind: 'user', userId: 'me', ...over });

  it('walks the tree: children in display order, subtrees, depth, tree order', () => {
    expect(org.children('bu').map((d) => d.id)).toEqual(['o1', 'o2']);
    expect(org.subtree('o1').sort()).toEqual(['o1', 't1']);
    expect(org.subtree('missing')).toEqual([]);
    expect(org.depth('g')).toBe(0);
    expect(org.depth('t1')).toBe(3);
    expect(org.inTreeOrder(org.roots()).map((d) => d.id)).toEqual(['g', 'bu', 'o1', 't1', 'o2']);
  });

  it('lets a rep see only themselves, a manager the subtree, a director everyone', () => {
    const rep = actor({ dataScope: 'own', departmentId: 't1', departmentIds: ['t1'] });
    const manager = actor({ dataScope: 'department', departmentId: 'o1', departmentIds: ['o1', 't1'] });
    const director = actor({ dataScope: 'all', departmentId: 'bu', departmentIds: ['bu', 'o1', 'o2', 't1'] });
    expect(canSeeUser(rep, { id: 'me', departmentId: 't1' })).toBe(true);
    expect(canSeeUser(rep, { id: 'other', departmentId: 't1' })).toBe(false);
    expect(canSeeDepartment(rep, 't1')).toBe(false);
    expect(canSeeUser(manager, { id: 'other', departmentId: 't1' })).toBe(true);
    expect(canSeeUser(manager, { id: 'other', departmentId: 'o2' })).toBe(false);
    expect(canSeeDepartment(manager, 'o1')).toBe(true);
    expect(canSeeDepartment(manager, 'bu')).toBe(false);
    expect(canSeeDepartment(director, 'g')).toBe(true);
    // The office's own target comes from above; its teams' targets are the manager's to set.
    expect(canEditOwnTarget(manager, { id: 'o1', parentId: 'bu' })).toBe(false);
    expect(canEditOwnTarget(manager, { id: 't1', parentId: 'o1' })).toBe(true);
    expect(canEditOwnTarget(director, { id: 'g', parentId: null })).toBe(true);
  });
});

describe('metric registry', () => {
  it('lists a declared metric as pending until a module registers its measure', () => {
    const registry = createMetricRegistry();
    registry.registerMetric({
      key: 'signed_amount',
      unit: 'amount',
      order: 1,
      label: { 'zh-CN': '签约额', 'en-US': 'Signed amount' },
      pendingNote: { 'zh-CN': '合同模块上线后可用', 'en-US': 'Available when contracts exist' },
    });
    expect(registry.info('signed_amount', 'en-US')).toEqual({
      key: 'signed_amount',
      unit: 'amount',
      label: 'Signed amount',
      available: false,
      pendingNote: 'Available when contracts exist',
    });
    registry.registerMetric({ key: 'signed_amount', unit: 'amount', measure: async () => [] });
    expect(registry.info('signed_amount', 'zh-CN')).toMatchObject({ label: '签约额', available: true, pendingNote: null });
    expect(() => registry.registerMetric({ key: 'signed_amount', unit: 'count' })).toThrow(/unit/);
    expect(() => registry.registerMetric({ key: 'signed_amount', unit: 'amount', measure: async () => [] })).toThrow(/already/);
    expect(() => registry.registerMetric({ key: 'shipped_amount', unit: 'amount' })).toThrow(/label/);
  });

  it('keeps the display order given, later metrics after the known ones', () => {
    const registry = createMetricRegistry();
    const label = { 'zh-CN': 'x', 'en-US': 'x' };
    registry.registerMetric({ key: 'b_metric', unit: 'count', order: 20, label });
    registry.registerMetric({ key: 'a_metric', unit: 'count', order: 10, label });
    registry.registerMetric({ key: 'shipped_amount', unit: 'amount', label });
    expect(registry.keys()).toEqual(['a_metric', 'b_metric', 'shipped_amount']);
  });
});

describe('demo target months', () => {
  it('split a year in whole steps that add up to it, the leftover steps going where the share was cut most', () => {
    expect(splitBySteps(16n, [1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n], 1n)).toEqual([
      2n,
      2n,
      2n,
      2n,
      1n,
      1n,
      1n,
      1n,
      1n,
      1n,
      1n,
      1n,
    ]);
    const wan = 1_000_000n;
    const months = splitBySteps(123n * wan, [4n, 5n, 6n, 8n, 8n, 9n, 8n, 8n, 9n, 10n, 11n, 14n], wan);
    expect(months.reduce((a, b) => a + b, 0n)).toBe(123n * wan);
    expect(months.every((m) => m % wan === 0n)).toBe(true);
    expect(months[11]).toBeGreaterThan(months[0]!);
    expect(splitBySteps(5n, [0n, 0n], 1n)).toEqual([5n, 0n]);
  });
});
