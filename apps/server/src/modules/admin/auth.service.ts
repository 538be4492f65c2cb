import { createHash, randomBytes } from 'node:crypto';
import type { TApiToken, TCreatedApiToken, TCreateApiToken, TLoginResponse, TMe } from '@crm/contracts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { AuthResolver, RequestMeta } from '../../kernel/auth/auth.plugin.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { iso } from '../../kernel/http/pagination.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { AdminErrorCode } from './admin.errors.ts';
import { toActor, toMe } from './actor.ts';
import * as repo from './auth.repository.ts';
import type { OrgDirectory } from './org-directory.ts';
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/** Sign-in throttling: failures counted over a sliding window. */
export const THROTTLE = {
  windowMinutes: 15,
  /** Per account and address: after this many failures, that address waits, doubling each time. */
  pairFreeAttempts: 5,
  pairBaseDelaySeconds: 30,
  pairMaxDelaySeconds: 15 * 60,
  /** Per address across accounts (credential stuffing): refused above this many failures. */
  addressMaxFailures: 30,
  /** Per account across addresses: answered slowly, never locked, so the owner can still sign in. */
  accountSlowAfter: 10,
  accountDelayMs: 1500,
} as const;

export type SessionTimeouts = { idleMinutes: number; absoluteHours: number };

function toApiTokenDto(row: repo.ApiTokenRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: iso(row.createdAt),
    lastUsedAt: iso(row.lastUsedAt),
    expiresAt: iso(row.expiresAt),
  };
}

export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  session: SessionTimeouts;
  directory: OrgDirectory;
  sleep?: (ms: number) => Promise<void>;
}) {
  const { db, clock, directory } = deps;
  const lookupSession = repo.prepareSessionLookup(db);
  const lookupToken = repo.prepareTokenLookup(db);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const idleMs = deps.session.idleMinutes * 60_000;
  const absoluteMs = deps.session.absoluteHours * 3_600_000;
  const TOUCH_AFTER_MS = 60_000;

  async function throttle(username: string, ip: string): Promise<void> {
    const now = clock.now();
    const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
    const f = await repo.countLoginFailures(db, { username, ip, since });
    if (f.address >= THROTTLE.addressMaxFailures) {
      throw new AppError(CommonError.TOO_MANY_REQUESTS, {
        params: { seconds: THROTTLE.windowMinutes * 60 },
        headers: { 'retry-after': String(THROTTLE.windowMinutes * 60) },
      });
    }
    if (f.pair >= THROTTLE.pairFreeAttempts && f.lastPairAt) {
      const delay = Math.min(THROTTLE.pairBaseDelaySeconds * 2 ** (f.pair - THROTTLE.pairFreeAttempts), THROTTLE.pairMaxDelaySeconds);
      const waitUntil = f.lastPairAt.getTime() + delay * 1000;
      if (waitUntil > now.getTime()) {
        const seconds = Math.ceil((waitUntil - now.getTime()) / 1000);
        throw new AppError(CommonError.TOO_MANY_REQUESTS, { params: { seconds }, headers: { 'retry-after': String(seconds) } });
      }
    }
    if (f.account >= THROTTLE.accountSlowAfter) await sleep(THROTTLE.accountDelayMs);
  }

  async function refuse(username: string, meta: RequestMeta, reason: string, userId: string | null): Promise<never> {
    await withTx(db, async (tx) => {
      await repo.insertLoginFailure(tx, { username, ip: meta.ip ?? 'unknown', at: clock.now() });
      await writeAudit(tx, anonymous(meta, username), {
        action: 'auth.login_failed',
        entityType: userId ? 'user' : undefined,
        entityId: userId,
        meta: { username, reason },
      });
    });
    throw new AppError(AdminErrorCode.INVALID_CREDENTIALS);
  }

  return {
    /**
     * Signs in: the same answer (and about the same time) for an unknown user, a wrong password
     * and a disabled account. A new session id every time; the presented old session is ended.
     */
    async login(
      input: { username: string; password: string },
      meta: RequestMeta,
      previousSessionToken: string | undefined,
    ): Promise<{ response: TLoginResponse; sessionToken: string; expiresAt: Date }> {
      const ip = meta.ip ?? 'unknown';
      try {
        await throttle(input.username, ip);
      } catch (err) {
        await writeAudit(db, anonymous(meta, input.username), { action: 'auth.login_throttled', meta: { username: input.username } });
        throw err;
      }
      const creds = await repo.findCredentials(db, input.username);
      if (!creds) {
        await verifyPassword(await dummyPasswordHash(), input.password);
        return refuse(input.username, meta, 'unknown_user', null);
      }
      const ok = await verifyPassword(creds.passwordHash, input.password);
      if (!ok) return refuse(input.username, meta, 'wrong_password', creds.id);
      if (!creds.isActive) return refuse(input.username, meta, 'disabled', creds.id);

      const rehashed = needsRehash(creds.passwordHash) ? await hashPassword(input.password) : undefined;
      const now = clock.now();
      const sessionToken = randomToken();
      const csrfToken = randomToken();
      const expiresAt = new Date(now.getTime() + absoluteMs);
      const user = await withTx(db, async (tx) => {
        if (previousSessionToken) await repo.deleteSession(tx, sha256(previousSessionToken));
        await repo.insertSession(tx, {
          id: sha256(sessionToken),
          userId: creds.id,
          csrfToken,
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 500) ?? null,
          createdAt: now,
          lastSeenAt: now,
          expiresAt,
        });
        if (rehashed) await repo.updatePasswordHash(tx, creds.id, rehashed, now);
        await repo.touchLastLogin(tx, creds.id, now);
        await repo.clearLoginFailures(tx, creds.username, ip);
        const source = await repo.findActorSourceByUserId(tx, creds.id);
        const actor = toActor(source!, { method: 'session', sessionId: sha256(sessionToken), csrfToken }, meta);
        await writeAudit(tx, actor, {
          action: 'auth.login',
          entityType: 'user',
          entityId: creds.id,
          meta: { rehashed: Boolean(rehashed) },
        });
        return { source: source!, actor };
      });
      return {
        response: { user: toMe(user.source, user.actor, user.source.locale), csrfToken },
        sessionToken,
        expiresAt,
      };
    },

    async logout(actor: Actor): Promise<void> {
      if (actor.auth.method !== 'session') return;
      const sessionId = actor.auth.sessionId;
      await withTx(db, async (tx) => {
        await repo.deleteSession(tx, sessionId);
        await writeAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
      });
    },

    async me(actor: Actor, locale: Locale): Promise<TMe> {
      const source = await repo.findActorSourceByUserId(db, actor.userId!);
      if (!source) throw new AppError(CommonError.UNAUTHENTICATED);
      return toMe(source, actor, locale);
    },

    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
      const source = await repo.findActorSourceByUserId(db, actor.userId!);
      const creds = source ? await repo.findCredentials(db, source.username) : undefined;
      if (!creds || !(await verifyPassword(creds.passwordHash, input.currentPassword))) {
        throw new AppError(AdminErrorCode.WRONG_CURRENT_PASSWORD, {
          fields: [{ path: 'currentPassword', code: 'wrong', messageKey: 'error.WRONG_CURRENT_PASSWORD' }],
        });
      }
      assertPasswordPolicy(input.newPassword, creds.username, 'newPassword');
      const hash = await hashPassword(input.newPassword);
      await withTx(db, async (tx) => {
        await repo.updatePasswordHash(tx, creds.id, hash, clock.now(), false);
        const ended = await repo.deleteSessionsOfUser(tx, creds.id, actor.auth.method === 'session' ? actor.auth.sessionId : undefined);
        await writeAudit(tx, actor, {
          action: 'user.password_changed',
          entityType: 'user',
          entityId: creds.id,
          meta: { otherSessionsEnded: ended },
        });
      });
    },

    async listApiTokens(actor: Actor): Promise<TApiToken[]> {
      return (await repo.listApiTokens(db, actor.userId!)).map(toApiTokenDto);
    },

    async createApiToken(actor: Actor, input: TCreateApiToken): Promise<TCreatedApiToken> {
      const secret = randomToken();
      const token = `crm_${secret}`;
      const now = clock.now();
      const row = await withTx(db, async (tx) => {
        const inserted = await repo.insertApiToken(tx, {
          userId: actor.userId!,
          name: input.name,
          prefix: token.slice(0, 12),
          tokenHash: sha256(token),
          createdAt: now,
          expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
        });
        await writeAudit(tx, actor, {
          action: 'api_token.create',
          entityType: 'api_token',
          entityId: inserted.id,
          after: { name: inserted.name, prefix: inserted.prefix, expiresAt: inserted.expiresAt },
        });
        return inserted;
      });
      return { token, apiToken: toApiTokenDto(row) };
    },

    async revokeApiToken(actor: Actor, id: string): Promise<void> {
      await withTx(db, async (tx) => {
        const row = await repo.revokeApiToken(tx, actor.userId!, id, clock.now());
        if (!row) throw new AppError(CommonError.NOT_FOUND);
        await writeAudit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, meta: { name: row.name } });
      });
    },

    /** Jobs: end sessions past their timeouts and forget old sign-in failures. */
    async purgeExpired(): Promise<{ sessions: number; failures: number }> {
      const now = clock.now();
      const sessions = await repo.deleteExpiredSessions(db, now, new Date(now.getTime() - idleMs));
      const failures = await repo.deleteLoginFailuresBefore(db, new Date(now.getTime() - 24 * 3_600_000));
      return { sessions, failures };
    },

    resolver: {
      async resolveSession(token, meta) {
        const id = sha256(token);
        const found = await lookupSession(id);
        if (!found) return 'expired';
        const now = clock.now().getTime();
        const { session, principal } = found;
        if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now || !principal.isActive) {
          await repo.deleteSession(db, id);
          return 'expired';
        }
        if (now - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await repo.touchSession(db, id, new Date(now));
        const org = await directory.resolve(principal.roleIds, principal.departmentId);
        return toActor({ ...principal, ...org }, { method: 'session', sessionId: id, csrfToken: session.csrfToken }, meta);
      },
      async resolveApiToken(token, meta) {
        const found = await lookupToken(sha256(token));
        if (!found) return null;
        const now = clock.now();
        const { token: row, principal } = found;
        if (row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !principal.isActive) return null;
        if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) await repo.touchApiToken(db, row.id, now);
        const org = await directory.resolve(principal.roleIds, principal.departmentId);
        return toActor({ ...principal, ...org }, { method: 'token', tokenId: row.id }, meta);
      },
    } satisfies AuthResolver,
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

/** The actor of a request nobody has signed in to yet (failed logins are audited under it). */
function anonymous(meta: RequestMeta, username: string): Actor {
  return {
    kind: 'user',
    userId: null,
    username,
    displayName: username,
    departmentId: null,
    departmentIds: [],
    permissions: new Set(),
    dataScope: 'own',
    locale: 'zh-CN',
    auth: { method: 'system', reason: 'anonymous' },
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId,
  };
}

export function assertPasswordPolicy(password: string, username: string, path: string): void {
  const problem = checkPasswordPolicy(password, username);
  if (problem) {
    throw new AppError(AdminErrorCode.WEAK_PASSWORD, { fields: [{ path, code: problem, messageKey: `password.${problem}` }] });
  }
}
