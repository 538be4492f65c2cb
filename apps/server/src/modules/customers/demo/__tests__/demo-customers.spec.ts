import { isValidCreditCode } from '@crm/protocols';
import { describe, expect, it } from 'vitest';
import { HAND_WRITTEN_DEMO_NAMES } from '../../customers.seed.ts';
import { classify } from '../../duplicate/similarity.ts';
import { GENERATED_CUSTOMER_COUNT, generateDemoCustomers } from '../demo-customers.ts';

const now = new Date('2026-11-02T02:00:00Z');
const generated = generateDemoCustomers({ now, takenNames: HAND_WRITTEN_DEMO_NAMES });

describe('the generated demo customer base', () => {
  it('makes about 2,000 customers with the hand-written ones, each unique and with valid credit codes', () => {
    expect(generated).toHaveLength(GENERATED_CUSTOMER_COUNT);
    expect(generated.length + HAND_WRITTEN_DEMO_NAMES.length).toBe(2000);
    expect(new Set(generated.map((g) => g.name)).size).toBe(generated.length);
    const codes = generated.map((g) => g.creditCode).filter((c): c is string => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => isValidCreditCode(c))).toBe(true);
    // The same input gives the same demo.
    expect(generateDemoCustomers({ now, takenNames: HAND_WRITTEN_DEMO_NAMES }).map((g) => g.name)).toEqual(generated.map((g) => g.name));
  });

  it('gives every customer contacts and a year of activities, with some gone quiet', () => {
    expect(generated.every((g) => g.contacts.length >= 1 && g.contacts.length <= 3)).toBe(true);
    const activities = generated.reduce((n, g) => n + g.activities.length, 0);
    expect(activities / generated.length).toBeGreaterThan(4);
    const yearAgo = now.getTime() - 366 * 86_400_000;
    expect(
      generated.every((g) => g.activities.every((a) => a.occurredAt.getTime() >= yearAgo && a.occurredAt.getTime() <= now.getTime())),
    ).toBe(true);
    const quiet = generated.filter((g) => (g.activities.at(-1)?.occurredAt.getTime() ?? 0) < now.getTime() - 60 * 86_400_000).length;
    expect(quiet / generated.length).toBeGreaterThan(0.05);
    expect(quiet / generated.length).toBeLessThan(0.2);
  });

  it('contains near-duplicates that the duplicate check catches', () => {
    const pairs = generated.filter((g) => g.duplicateOf);
    expect(pairs.length).toBeGreaterThanOrEqual(15);
    const caught = pairs.filter((g) => classify(g.name, g.duplicateOf!) !== 'none').length;
    expect(caught / pairs.length).toBeGreaterThanOrEqual(0.75);
  });
});
