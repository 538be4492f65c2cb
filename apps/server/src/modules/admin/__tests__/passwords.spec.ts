import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, needsRehash, verifyPassword } from '../passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id m=19456 t=2 p=1', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'wrong horse battery')).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it('asks for a rehash when parameters differ', async () => {
    const old = await hash('correct horse battery', { memoryCost: 4096, timeCost: 3, parallelism: 1, algorithm: 2 });
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('$2b$10$bcrypthash')).toBe(true);
  });

  it('refuses short, common and username-based passwords', () => {
    expect(checkPasswordPolicy('short')).toBe('too_short');
    expect(checkPasswordPolicy('password1')).toBe('too_common');
    expect(checkPasswordPolicy('Woaini1314')).toBe('too_common');
    expect(checkPasswordPolicy('zhangwei2026!', 'zhangwei')).toBe('same_as_username');
    expect(checkPasswordPolicy('Meter-Grid-2026')).toBeNull();
  });
});
