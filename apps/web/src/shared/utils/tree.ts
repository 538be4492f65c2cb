export interface TreeItem {
  id: string;
  parentId: string | null;
}

export type TreeNode<T extends TreeItem> = T & { children: TreeNode<T>[] };

/**
 * Builds a forest from a flat list. Items whose parent is not in the list become roots
 * (a user may see only part of the organisation).
 */
export function buildTree<T extends TreeItem>(items: readonly T[], compare: (a: T, b: T) => number): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const item of items) nodes.set(item.id, { ...item, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort(compare);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The ids of an item and everything below it. */
export function subtreeIds<T extends TreeItem>(items: readonly T[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const item of items) {
    if (!item.parentId) continue;
    const list = children.get(item.parentId) ?? [];
    list.push(item.id);
    children.set(item.parentId, list);
  }
  const result = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as string;
    for (const child of children.get(id) ?? []) {
      if (!result.has(child)) {
        result.add(child);
        stack.push(child);
      }
    }
  }
  return result;
}

/** The ids from a root down to (and including) the item. */
export function ancestorIds<T extends TreeItem>(items: readonly T[], id: string): string[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const path: string[] = [];
  let current = byId.get(id);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}
