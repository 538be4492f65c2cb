import { describe, expect, it } from 'vitest';
import { chooseOwner, ruleMatches } from '../assignment-rules.service.ts';
import { addDays, startOfBusinessDay } from '../../../../kernel/clock.ts';
import { DEFAULT_POOL_RULES, nearestPool, reclaimDecision, reclaimDue } from '../pool.rules.ts';

const tz = 'Asia/Shanghai';
const base = {
  grade: 'D' as const,
  createdAt: new Date('2026-09-01T02:00:00Z'),
  ownerSince: null,
  lastActivityAt: null,
  lastDealAt: null,
};

describe('reclaim dates', () => {
  it('counts from the latest of creation, owner change and the event, in Shanghai business days', () => {
    expect(reclaimDue(base, DEFAULT_POOL_RULES, tz)).toEqual({ date: '2026-10-01', reason: 'no_activity' });
    // 23:30 UTC on 10-01 is already 10-02 in Shanghai.
    const late = { ...base, lastActivityAt: new Date('2026-10-01T23:30:00Z') };
    expect(reclaimDue(late, DEFAULT_POOL_RULES, tz)).toEqual({ date: '2026-11-01', reason: 'no_activity' });
    const claimed = { ...base, ownerSince: new Date('2026-10-20T02:00:00Z'), lastActivityAt: new Date('2026-10-01T02:00:00Z') };
    expect(reclaimDue(claimed, DEFAULT_POOL_RULES, tz)?.date).toBe('2026-11-19');
  });

  it('uses the grade: 60 days for A/B, and the deal period when it comes first', () => {
    const a = { ...base, grade: 'A' as const, lastActivityAt: new Date('2026-11-01T02:00:00Z') };
    // Activity keeps it until 12-31, but no won deal since creation (09-01) ends it on 02-28.
    expect(reclaimDue(a, DEFAULT_POOL_RULES, tz)).toEqual({ date: '2026-12-31', reason: 'no_activity' });
    const oldA = { ...a, createdAt: new Date('2026-05-01T02:00:00Z'), lastActivityAt: new Date('2026-10-30T02:00:00Z') };
    expect(reclaimDue(oldA, DEFAULT_POOL_RULES, tz)).toEqual({ date: '2026-10-28', reason: 'no_deal' });
  });

  it('never reclaims when the grade has no periods', () => {
    const rules = { ...DEFAULT_POOL_RULES, A: { noActivityDays: null, noDealDays: null } };
    expect(reclaimDue({ ...base, grade: 'A' }, rules, tz)).toBeNull();
  });

  it('warns inside the window once per reclaim date, and reclaims on the date', () => {
    const pool = { rules: DEFAULT_POOL_RULES, warnDays: 7 };
    const c = { ...base, reclaimWarnedFor: null };
    expect(reclaimDecision(c, pool, '2026-09-23', tz).action).toBe('none');
    expect(reclaimDecision(c, pool, '2026-09-24', tz).action).toBe('warn');
    expect(reclaimDecision({ ...c, reclaimWarnedFor: '2026-10-01' }, pool, '2026-09-25', tz).action).toBe('none');
    expect(reclaimDecision({ ...c, reclaimWarnedFor: '2026-10-01' }, pool, '2026-10-01', tz).action).toBe('reclaim');
  });
});

describe('calendar helpers', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('finds the instant a Shanghai business day starts', () => {
    expect(startOfBusinessDay('2026-11-02', tz).toISOString()).toBe('2026-11-01T16:00:00.000Z');
    expect(startOfBusinessDay('2026-11-02', 'UTC').toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });
});

describe('pools and assignment', () => {
  const pools = [
    { id: 'bu', subtree: ['bu', 'office', 'team'] },
    { id: 'office', subtree: ['office', 'team'] },
  ];
  it('picks the nearest pool of a department', () => {
    expect(nearestPool('team', pools)?.id).toBe('office');
    expect(nearestPool('bu', pools)?.id).toBe('bu');
    expect(nearestPool('elsewhere', pools)).toBeUndefined();
  });

  it('matches rules with empty lists as "any"', () => {
    const rule = { provinces: ['河南'], industries: [], types: ['grid'] };
    expect(ruleMatches(rule, { province: '河南', industry: '电网', type: 'grid' })).toBe(true);
    expect(ruleMatches(rule, { province: '河南', industry: null, type: 'industrial' })).toBe(false);
    expect(ruleMatches(rule, { province: null, industry: null, type: 'grid' })).toBe(false);
  });

  it('continues a round robin after the previous owner and balances the least loaded', () => {
    const c = [
      { id: 'b', load: 5 },
      { id: 'a', load: 7 },
      { id: 'c', load: 5 },
    ];
    expect(chooseOwner('round_robin', c, null)).toBe('a');
    expect(chooseOwner('round_robin', c, 'a')).toBe('b');
    expect(chooseOwner('round_robin', c, 'c')).toBe('a');
    expect(chooseOwner('least_loaded', c, null)).toBe('b');
    expect(chooseOwner('least_loaded', [], null)).toBeUndefined();
  });
});
