import type { TApprovalCondition, TApprovalFactField } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import type { FactsValue, FactValue } from './workflow.schema.ts';

const NUMERIC = /^-?\d+(\.\d+)?$/;

function isNumeric(v: unknown): v is number | string {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && NUMERIC.test(v.trim()));
}

/** Ordering is numeric only: text has no order a condition could rely on. */
function compare(left: FactValue, right: unknown): number | undefined {
  if (isNumeric(left) && isNumeric(right)) return new Decimal(String(left).trim()).comparedTo(new Decimal(String(right).trim()));
  return undefined;
}

function equals(left: FactValue, right: unknown): boolean {
  if (isNumeric(left) && isNumeric(right)) return compare(left, right) === 0;
  if (typeof left === 'boolean') return left === (right === true || right === 'true');
  return left !== null && String(left) === String(right);
}

/**
 * One condition on the facts. Numbers compare exactly (decimal strings as decimals); a fact that
 * is missing or null satisfies nothing but `neq`, and `exists` asks for a value that is not null,
 * not false and not an empty string.
 */
export function evaluateCondition(facts: FactsValue, c: TApprovalCondition): boolean {
  const left = facts[c.field] ?? null;
  switch (c.op) {
    case 'exists':
      return left !== null && left !== false && left !== '';
    case 'eq':
      return equals(left, c.value);
    case 'neq':
      return !equals(left, c.value);
    case 'in':
      return left !== null && Array.isArray(c.value) && c.value.some((v) => equals(left, v));
    default: {
      if (left === null) return false;
      const order = compare(left, c.value);
      if (order === undefined) return false;
      if (c.op === 'gt') return order > 0;
      if (c.op === 'gte') return order >= 0;
      if (c.op === 'lt') return order < 0;
      return order <= 0;
    }
  }
}

/** All conditions hold (an empty list holds). */
export function allHold(facts: FactsValue, conditions: readonly TApprovalCondition[]): boolean {
  return conditions.every((c) => evaluateCondition(facts, c));
}

/** Conditions that name a field the type does not describe, or compare a field in a way its type cannot. */
export function invalidConditions(fields: readonly Pick<TApprovalFactField, 'key' | 'type'>[], conditions: readonly TApprovalCondition[]) {
  return conditions.filter((c) => {
    const field = fields.find((f) => f.key === c.field);
    if (!field) return true;
    if (c.op === 'exists') return false;
    if (c.op === 'in') return !Array.isArray(c.value);
    if (Array.isArray(c.value) || c.value === undefined) return true;
    if (['gt', 'gte', 'lt', 'lte'].includes(c.op)) return !(field.type === 'decimal' || field.type === 'integer') || !isNumeric(c.value);
    return false;
  });
}
