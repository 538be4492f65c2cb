import type { Db } from '../../kernel/db/database.ts';
import type { ActorRoleRow } from './auth.repository.ts';
import { listDepartmentPaths, listRoleDefinitions } from './auth.repository.ts';

type Snapshot = {
  loadedAt: number;
  roles: Map<string, ActorRoleRow>;
  paths: { id: string; path: string }[];
  subtrees: Map<string, string[]>;
};

/**
 * Role definitions and the department tree, read on every request to build the actor, change
 * rarely: they are kept in memory for `ttlMs` and reloaded after that. A change made on this node
 * invalidates at once; other nodes see it within `ttlMs`. Session validity is never cached.
 */
export function createOrgDirectory(deps: { db: Db; ttlMs: number }) {
  let snapshot: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;
  let generation = 0;

  async function load(): Promise<Snapshot> {
    const [roles, paths] = await Promise.all([listRoleDefinitions(deps.db), listDepartmentPaths(deps.db)]);
    return { loadedAt: Date.now(), roles: new Map(roles.map((r) => [r.id, r])), paths, subtrees: new Map() };
  }

  async function current(): Promise<Snapshot> {
    if (snapshot && Date.now() - snapshot.loadedAt < deps.ttlMs) return snapshot;
    loading ??= load()
      .then((s) => (snapshot = s))
      .finally(() => (loading = undefined));
    return loading;
  }

  function subtreeIn(s: Snapshot, departmentId: string): string[] {
    let subtree = s.subtrees.get(departmentId);
    if (!subtree) {
      const own = s.paths.find((d) => d.id === departmentId);
      subtree = own ? s.paths.filter((d) => d.path.startsWith(own.path)).map((d) => d.id) : [departmentId];
      s.subtrees.set(departmentId, subtree);
    }
    return subtree;
  }

  return {
    /** A department and every department below it. */
    async subtree(departmentId: string): Promise<string[]> {
      return subtreeIn(await current(), departmentId);
    },
    async resolve(roleIds: readonly string[], departmentId: string): Promise<{ roles: ActorRoleRow[]; departmentIds: string[] }> {
      const s = await current();
      const roles = roleIds.map((id) => s.roles.get(id)).filter((r): r is ActorRoleRow => r !== undefined);
      return { roles, departmentIds: subtreeIn(s, departmentId) };
    },
    invalidate(): void {
      snapshot = undefined;
      generation++;
    },
    /** Counts local changes to the organisation; caches built on it compare it to know they are stale. */
    generation: () => generation,
  };
}
export type OrgDirectory = ReturnType<typeof createOrgDirectory>;
