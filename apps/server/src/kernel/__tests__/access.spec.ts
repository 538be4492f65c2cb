import { describe, expect, it } from 'vitest';
import { assertWritableFields, canSeeField, defineProtectedFields, maskTail, redactFields } from '../access/access.ts';
import { asSystem, type Actor } from '../auth/actor.ts';
import { type AppError } from '../errors.ts';

function actorWith(permissions: string[]): Actor {
  return {
    ...asSystem('test'),
    kind: 'user',
    userId: '00000000-0000-0000-0000-000000000001',
    permissions: new Set(permissions),
    dataScope: 'own',
  };
}

defineProtectedFields('test_product', { standardCost: 'field:cost', margin: 'field:margin' });

describe('field-level rules', () => {
  it('hides protected fields from actors without the grant', () => {
    const record = { name: '单相智能电表', listPrice: '320.00', standardCost: '180.50', margin: '0.4359' };
    const rep = actorWith([]);
    expect(redactFields(rep, 'test_product', record)).toEqual({ ...record, standardCost: null, margin: null });
    expect(record.standardCost).toBe('180.50');
    const pm = actorWith(['field:cost']);
    expect(redactFields(pm, 'test_product', record)).toEqual({ ...record, margin: null });
    expect(canSeeField(pm, 'test_product', 'standardCost')).toBe(true);
    expect(canSeeField(pm, 'test_product', 'name')).toBe(true);
  });

  it('refuses writes to fields the actor may not see', () => {
    const rep = actorWith([]);
    expect(() => assertWritableFields(rep, 'test_product', { name: 'x' })).not.toThrow();
    let error: AppError | undefined;
    try {
      assertWritableFields(rep, 'test_product', { name: 'x', standardCost: '1.00' });
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe('FORBIDDEN');
    expect(error?.options.fields?.[0]?.path).toBe('standardCost');
  });

  it('masks all but the tail', () => {
    expect(maskTail('6222020200112233445')).toBe('***************3445');
    expect(maskTail('123')).toBe('***');
    expect(maskTail(null)).toBeNull();
  });
});
