import type { TApproverSpec } from '@crm/contracts';
import type { Db } from '../../kernel/db/database.ts';
import type { FactsValue } from './workflow.schema.ts';

/** What the engine needs to know of the organisation; every lookup runs in the caller's transaction. */
export interface OrgLookup {
  place(tx: Db, userId: string): Promise<{ departmentId: string; departmentPath: string; managerId: string | null } | undefined>;
  departmentHeads(tx: Db, departmentIds: readonly string[]): Promise<{ id: string; headUserId: string | null }[]>;
  usersWithRole(tx: Db, departmentIds: readonly string[], roleCode: string): Promise<{ id: string }[]>;
  /** Every active holder of the role, whatever their department. */
  roleHolders(tx: Db, roleCode: string): Promise<{ id: string }[]>;
  activeUserIds(tx: Db, userIds: readonly string[]): Promise<string[]>;
  names(tx: Db, userIds: readonly string[]): Promise<Map<string, string>>;
}

/** A department's chain from itself up to the root, nearest first, from its materialised path `/root/…/self/`. */
export function departmentChain(path: string): string[] {
  return path.split('/').filter(Boolean).reverse();
}

/**
 * The users a step's approver spec names, for a given initiator:
 * - `user`: that user;
 * - `manager`: the initiator's manager;
 * - `department_head`: the head of the department `levels` up the initiator's chain (0 = own);
 *   a head who is the initiator passes it on to the next level up;
 * - `role`: the users with the role in the nearest department up the chain that has one
 *   (other than the initiator); when no department of the chain has one, every holder of the
 *   role (functional departments such as product management, legal or finance sit beside the
 *   sales line, not above it);
 * - `field`: the user whose id is in that fact of the record.
 * Inactive users never approve; an empty result means nobody could be found.
 */
export async function resolveApprovers(
  tx: Db,
  org: OrgLookup,
  spec: TApproverSpec,
  ctx: { initiatorId: string; facts: FactsValue },
): Promise<string[]> {
  const active = async (ids: readonly (string | null | undefined)[]) =>
    org.activeUserIds(
      tx,
      ids.filter((id): id is string => typeof id === 'string' && id.length > 0),
    );
  switch (spec.kind) {
    case 'user':
      return active([spec.userId]);
    case 'field': {
      const value = ctx.facts[spec.field];
      return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? active([value]) : [];
    }
    case 'manager': {
      const place = await org.place(tx, ctx.initiatorId);
      return active([place?.managerId]);
    }
    case 'department_head': {
      const place = await org.place(tx, ctx.initiatorId);
      if (!place) return [];
      const chain = departmentChain(place.departmentPath).slice(spec.levels);
      const heads = new Map((await org.departmentHeads(tx, chain)).map((d) => [d.id, d.headUserId]));
      for (const departmentId of chain) {
        const head = heads.get(departmentId);
        if (!head || head === ctx.initiatorId) continue;
        const found = await active([head]);
        if (found.length > 0) return found;
      }
      return [];
    }
    case 'role': {
      const place = await org.place(tx, ctx.initiatorId);
      if (!place) return [];
      for (const departmentId of departmentChain(place.departmentPath)) {
        const users = (await org.usersWithRole(tx, [departmentId], spec.roleCode)).map((u) => u.id).filter((id) => id !== ctx.initiatorId);
        if (users.length > 0) return users;
      }
      return (await org.roleHolders(tx, spec.roleCode)).map((u) => u.id).filter((id) => id !== ctx.initiatorId);
    }
  }
}

/** The head above a user: their own department's head, or (when they are that head) the next one up. */
export async function nextLevelHead(tx: Db, org: OrgLookup, userId: string): Promise<string | undefined> {
  const place = await org.place(tx, userId);
  if (!place) return undefined;
  const chain = departmentChain(place.departmentPath);
  const heads = new Map((await org.departmentHeads(tx, chain)).map((d) => [d.id, d.headUserId]));
  for (const departmentId of chain) {
    const head = heads.get(departmentId);
    if (head && head !== userId && (await org.activeUserIds(tx, [head])).length > 0) return head;
  }
  return undefined;
}
