import { describe, expect, it } from 'vitest';
import { allHold, evaluateCondition, invalidConditions } from '../conditions.ts';

const facts = { amount: '1000000.01', margin: '14.5', grade: 'A', finding: 'credit_warning', none: null, flag: false, count: 3 };

describe('step conditions', () => {
  it('compares decimal strings exactly, not as floats', () => {
    expect(evaluateCondition(facts, { field: 'amount', op: 'gt', value: '1000000' })).toBe(true);
    expect(evaluateCondition(facts, { field: 'amount', op: 'gt', value: '1000000.01' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'amount', op: 'gte', value: '1000000.01' })).toBe(true);
    expect(evaluateCondition({ x: '0.3' }, { field: 'x', op: 'eq', value: '0.30' })).toBe(true);
    expect(evaluateCondition({ x: 0.1 + 0.2 }, { field: 'x', op: 'lte', value: '0.3' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'margin', op: 'lt', value: 15 })).toBe(true);
    expect(evaluateCondition(facts, { field: 'margin', op: 'lte', value: '14.4' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'count', op: 'gte', value: '3' })).toBe(true);
  });

  it('eq / neq / in on text, booleans and numbers', () => {
    expect(evaluateCondition(facts, { field: 'grade', op: 'eq', value: 'A' })).toBe(true);
    expect(evaluateCondition(facts, { field: 'grade', op: 'neq', value: 'A' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'grade', op: 'in', value: ['B', 'A'] })).toBe(true);
    expect(evaluateCondition(facts, { field: 'grade', op: 'in', value: ['C'] })).toBe(false);
    expect(evaluateCondition(facts, { field: 'flag', op: 'eq', value: false })).toBe(true);
    expect(evaluateCondition(facts, { field: 'flag', op: 'eq', value: 'true' })).toBe(false);
  });

  it('a missing or empty fact satisfies nothing but neq; exists wants a real value', () => {
    expect(evaluateCondition(facts, { field: 'finding', op: 'exists' })).toBe(true);
    expect(evaluateCondition(facts, { field: 'none', op: 'exists' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'flag', op: 'exists' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'missing', op: 'gt', value: '0' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'missing', op: 'eq', value: 'A' })).toBe(false);
    expect(evaluateCondition(facts, { field: 'missing', op: 'neq', value: 'A' })).toBe(true);
    expect(evaluateCondition(facts, { field: 'grade', op: 'gt', value: '5' })).toBe(false);
  });

  it('all conditions of a row hold, or the row does not; no conditions always hold', () => {
    expect(allHold(facts, [])).toBe(true);
    expect(
      allHold(facts, [
        { field: 'amount', op: 'gt', value: '1000000' },
        { field: 'margin', op: 'lt', value: '15' },
      ]),
    ).toBe(true);
    expect(
      allHold(facts, [
        { field: 'amount', op: 'gt', value: '1000000' },
        { field: 'margin', op: 'lt', value: '10' },
      ]),
    ).toBe(false);
  });

  it('refuses conditions on unknown fields and ordering on text fields', () => {
    const fields = [
      { key: 'amount', type: 'decimal' as const },
      { key: 'grade', type: 'enum' as const },
    ];
    expect(invalidConditions(fields, [{ field: 'amount', op: 'gt', value: '1' }])).toHaveLength(0);
    expect(invalidConditions(fields, [{ field: 'nope', op: 'exists' }])).toHaveLength(1);
    expect(invalidConditions(fields, [{ field: 'grade', op: 'gt', value: 'A' }])).toHaveLength(1);
    expect(invalidConditions(fields, [{ field: 'grade', op: 'in', value: 'A' }])).toHaveLength(1);
    expect(invalidConditions(fields, [{ field: 'amount', op: 'gt', value: 'abc' }])).toHaveLength(1);
  });
});
