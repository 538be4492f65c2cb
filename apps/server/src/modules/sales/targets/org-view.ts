import type { Actor } from '../../../kernel/auth/actor.ts';

export type DepartmentNode = { id: string; parentId: string | null; name: string; path: string; sortOrder: number };
export type RosterEntry = { id: string; displayName: string; departmentId: string; isActive: boolean; holds: boolean };

/** The department tree in memory: children, subtrees and depths without a query each. */
export function createOrgView(departments: readonly DepartmentNode[]) {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const children = new Map<string, DepartmentNode[]>();
  for (const d of departments) {
    if (!d.parentId) continue;
    const list = children.get(d.parentId) ?? [];
    list.push(d);
    children.set(d.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  return {
    size: departments.length,
    get: (id: string) => byId.get(id),
    children: (id: string): DepartmentNode[] => children.get(id) ?? [],
    /** The department and every department below it. */
    subtree(id: string): string[] {
      const own = byId.get(id);
      return own ? departments.filter((d) => d.path.startsWith(own.path)).map((d) => d.id) : [];
    },
    /** Steps from the tree's root (the root is 0). */
    depth: (id: string) => Math.max(0, (byId.get(id)?.path.split('/').filter(Boolean).length ?? 1) - 1),
    /** Departments in tree order: each followed by its subtree, siblings in display order. */
    inTreeOrder(rootIds: readonly string[]): DepartmentNode[] {
      const out: DepartmentNode[] = [];
      const walk = (d: DepartmentNode) => {
        out.push(d);
        for (const c of children.get(d.id) ?? []) walk(c);
      };
      for (const id of rootIds) {
        const d = byId.get(id);
        if (d) walk(d);
      }
      return out;
    },
    roots: () => departments.filter((d) => !d.parentId || !byId.has(d.parentId)).map((d) => d.id),
  };
}
export type OrgView = ReturnType<typeof createOrgView>;

/** Whether the actor's data scope covers a department's figures: a manager's subtree, a director all. */
export function canSeeDepartment(actor: Actor, departmentId: string): boolean {
  return actor.dataScope === 'all' || (actor.dataScope === 'department' && actor.departmentIds.includes(departmentId));
}

/** Whether the actor may see a user's targets and performance: their own, their team's, or all. */
export function canSeeUser(actor: Actor, user: { id: string; departmentId: string }): boolean {
  return actor.userId === user.id || canSeeDepartment(actor, user.departmentId);
}

/**
 * A department's own target is set by whoever splits its parent; the lines below it by whoever's
 * scope covers the department. So a manager splits the team target the director gave, but does
 * not change it.
 */
export function canEditOwnTarget(actor: Actor, department: { id: string; parentId: string | null }): boolean {
  if (actor.dataScope === 'all') return true;
  return department.parentId !== null && canSeeDepartment(actor, department.parentId);
}
