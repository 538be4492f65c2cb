import type { Actor } from '../../kernel/auth/actor.ts';
import type { People, UserSummary } from '../admin/index.ts';

/**
 * Whose tasks and calendar a person may reach, by the same data scope as records: oneself always;
 * a manager the users of the department subtree; a director or administrator everyone.
 * Answers the user, or undefined when they are out of reach (or unknown).
 */
export async function findUserInScope(people: Pick<People, 'summary'>, actor: Actor, userId: string): Promise<UserSummary | undefined> {
  const user = await people.summary(userId);
  if (!user) return undefined;
  if (userId === actor.userId || actor.dataScope === 'all') return user;
  if (actor.dataScope === 'department' && actor.departmentIds.includes(user.departmentId)) return user;
  return undefined;
}
