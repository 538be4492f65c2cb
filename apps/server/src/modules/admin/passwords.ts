import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

/** OWASP's argon2id parameters: 19 MiB memory, 2 iterations, 1 lane. */
export const ARGON2_PARAMS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's: rehash it at login. */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  return Number(m[1]) !== ARGON2_PARAMS.memoryCost || Number(m[2]) !== ARGON2_PARAMS.timeCost || Number(m[3]) !== ARGON2_PARAMS.parallelism;
}

/** A hash to verify against when the user does not exist, so both answers take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  return dummyHash;
}

/** The most common leaked passwords (global and Chinese lists); refused whatever their length. */
const COMMON = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 12345 1234567 111111 123123 1234567890 000000 abc123 password1
  iloveyou 1q2w3e4r 1q2w3e4r5t 123321 654321 666666 888888 121212 112233 987654321 88888888 11111111 00000000 12341234
  qwertyuiop a123456 a12345678 aa123456 abc12345 abcd1234 woaini1314 woaini520 5201314 1314520 520520 qq123456
  asdfghjkl asdf1234 zxcvbnm zxcvbnm123 qazwsx qazwsxedc 1qaz2wsx 1qaz2wsx3edc passw0rd p@ssw0rd p@ssword admin123
  admin1234 administrator root1234 letmein welcome welcome1 welcome123 monkey dragon football baseball sunshine princess
  master shadow superman michael trustno1 starwars whatever charlie donald freedom computer changeme changeme123
  secret123 test1234 test12345 testtest guest123 user1234 default qwe123 qwe12345 qweasd qweasdzxc 147258369 159753
  159357 123654 987654 789456123 147258 2580 1234qwer 123qwe 123abc abc123456 aaaaaa aaaaaaaa 11223344 1122334455
  12qwaszx 123456a 123456aa 123456abc a1b2c3d4 iloveyou1 huang123 zhang123 wang1234 li123456 password123 password12
  crm12345 crm123456 company123 12345678a 88886666 1111aaaa 7758521 woaiwojia`
    .split(/\s+/)
    .filter(Boolean),
);

export type PasswordProblem = 'too_short' | 'too_common' | 'same_as_username';

export function checkPasswordPolicy(password: string, username?: string): PasswordProblem | null {
  if (password.length < 8) return 'too_short';
  if (COMMON.has(password.toLowerCase())) return 'too_common';
  if (username && password.toLowerCase().includes(username.toLowerCase()) && username.length >= 3) return 'same_as_username';
  return null;
}
