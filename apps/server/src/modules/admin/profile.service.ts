import type { TMe, TUpdateProfile } from '@crm/contracts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { toMe } from './actor.ts';
import * as authRepo from './auth.repository.ts';
import * as repo from './org.repository.ts';

/** A user's own profile: name, contact details, language. */
export function createProfileService(deps: { db: Db; clock: Clock }) {
  return {
    async update(actor: Actor, input: TUpdateProfile, locale: Locale): Promise<TMe> {
      return withTx(deps.db, async (tx) => {
        const before = await repo.findUser(tx, actor.userId!);
        if (!before) throw new AppError(CommonError.UNAUTHENTICATED);
        const row = await repo.updateUser(tx, before.id, before.version, {
          ...input,
          updatedAt: deps.clock.now(),
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'user.profile_update',
          entityType: 'user',
          entityId: row.id,
          before: { displayName: before.displayName, email: before.email, phone: before.phone, locale: before.locale },
          after: { displayName: row.displayName, email: row.email, phone: row.phone, locale: row.locale },
        });
        const source = await authRepo.findActorSourceByUserId(tx, row.id);
        return toMe(source!, actor, input.locale ?? locale);
      });
    },
  };
}
export type ProfileService = ReturnType<typeof createProfileService>;
