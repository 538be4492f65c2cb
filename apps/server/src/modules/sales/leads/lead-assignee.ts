import type { Actor } from '../../../kernel/auth/actor.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { People, UserSummary } from '../../admin/index.ts';
import { LeadErrorCode } from './leads.errors.ts';

/** A lead goes only to an active user the actor manages (their department subtree, or anyone for scope "all"), or to the actor. */
export async function resolveAssignee(people: Pick<People, 'summary'>, actor: Actor, ownerId: string): Promise<UserSummary> {
  const owner = await people.summary(ownerId);
  const manageable = owner && (actor.dataScope === 'all' || owner.id === actor.userId || actor.departmentIds.includes(owner.departmentId));
  if (!owner || !owner.isActive || !manageable) {
    throw new AppError(LeadErrorCode.LEAD_OWNER_INVALID, {
      fields: [{ path: 'ownerId', code: 'invalid', messageKey: 'error.LEAD_OWNER_INVALID' }],
    });
  }
  return owner;
}
