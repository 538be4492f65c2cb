import { describe, expect, it } from 'vitest';
import type { Db } from '../../../kernel/db/database.ts';
import { departmentChain, nextLevelHead, resolveApprovers, type OrgLookup } from '../approver-resolution.ts';

/**
 * A small organisation:  G (head: ceo) → BU (head: dir) → OFF (head: mgr) → TEAM (no head).
 * rep and rep2 are in TEAM (manager mgr); fin holds the finance role in G; pm holds product_manager in OFF;
 * LEGAL sits beside BU under G, with two contract reviewers (one inactive).
 */
const path = { G: '/G/', BU: '/G/BU/', OFF: '/G/BU/OFF/', TEAM: '/G/BU/OFF/TEAM/', LEGAL: '/G/LEGAL/' } as const;
type Dept = keyof typeof path;
const users: Record<string, { dept: Dept; manager: string | null; roles: string[]; active: boolean }> = {
  ceo: { dept: 'G', manager: null, roles: ['admin'], active: true },
  fin: { dept: 'G', manager: 'ceo', roles: ['finance'], active: true },
  dir: { dept: 'BU', manager: 'ceo', roles: ['sales_director'], active: true },
  mgr: { dept: 'OFF', manager: 'dir', roles: ['sales_manager'], active: true },
  pm: { dept: 'OFF', manager: 'mgr', roles: ['product_manager'], active: true },
  rep: { dept: 'TEAM', manager: 'mgr', roles: ['sales_rep'], active: true },
  rep2: { dept: 'TEAM', manager: 'gone', roles: ['sales_rep'], active: true },
  gone: { dept: 'TEAM', manager: null, roles: ['sales_manager'], active: false },
  legal: { dept: 'LEGAL', manager: 'ceo', roles: ['contract_reviewer'], active: true },
  legalGone: { dept: 'LEGAL', manager: 'ceo', roles: ['contract_reviewer'], active: false },
};
const heads: Record<string, string | null> = { G: 'ceo', BU: 'dir', OFF: 'mgr', TEAM: null };

const org: OrgLookup = {
  place: async (_tx, id) => {
    const u = users[id];
    return u ? { departmentId: u.dept, departmentPath: path[u.dept], managerId: u.manager } : undefined;
  },
  departmentHeads: async (_tx, ids) => ids.map((id) => ({ id, headUserId: heads[id] ?? null })),
  usersWithRole: async (_tx, ids, role) =>
    Object.entries(users)
      .filter(([, u]) => u.active && ids.includes(u.dept) && u.roles.includes(role))
      .map(([id]) => ({ id })),
  roleHolders: async (_tx, role) =>
    Object.entries(users)
      .filter(([, u]) => u.active && u.roles.includes(role))
      .map(([id]) => ({ id })),
  activeUserIds: async (_tx, ids) => ids.filter((id) => users[id]?.active),
  names: async () => new Map(),
};
const tx = {} as Db;
const resolve = (spec: Parameters<typeof resolveApprovers>[2], initiatorId = 'rep', facts = {}) =>
  resolveApprovers(tx, org, spec, { initiatorId, facts });

describe('approver resolution', () => {
  it('reads the department chain nearest first', () => {
    expect(departmentChain('/G/BU/OFF/TEAM/')).toEqual(['TEAM', 'OFF', 'BU', 'G']);
  });

  it('a specific user, when active', async () => {
    expect(await resolve({ kind: 'user', userId: 'fin' })).toEqual(['fin']);
    expect(await resolve({ kind: 'user', userId: 'gone' })).toEqual([]);
  });

  it('the initiator’s manager, never an inactive one', async () => {
    expect(await resolve({ kind: 'manager' })).toEqual(['mgr']);
    expect(await resolve({ kind: 'manager' }, 'rep2')).toEqual([]);
  });

  it('the department head N levels up; a missing head or the initiator passes it further up', async () => {
    expect(await resolve({ kind: 'department_head', levels: 0 })).toEqual(['mgr']);
    expect(await resolve({ kind: 'department_head', levels: 1 })).toEqual(['mgr']);
    expect(await resolve({ kind: 'department_head', levels: 2 })).toEqual(['dir']);
    expect(await resolve({ kind: 'department_head', levels: 0 }, 'mgr')).toEqual(['dir']);
    expect(await resolve({ kind: 'department_head', levels: 9 })).toEqual([]);
  });

  it('a role in the nearest department up the chain that has it', async () => {
    expect(await resolve({ kind: 'role', roleCode: 'product_manager' })).toEqual(['pm']);
    expect(await resolve({ kind: 'role', roleCode: 'sales_director' })).toEqual(['dir']);
    expect(await resolve({ kind: 'role', roleCode: 'finance' })).toEqual(['fin']);
    // The inactive manager in the team does not count; the initiator never approves.
    expect(await resolve({ kind: 'role', roleCode: 'sales_manager' })).toEqual(['mgr']);
    expect(await resolve({ kind: 'role', roleCode: 'sales_manager' }, 'mgr')).toEqual([]);
    expect(await resolve({ kind: 'role', roleCode: 'planner' })).toEqual([]);
  });

  it('a role held only off the chain (a functional department beside it): every active holder', async () => {
    expect(await resolve({ kind: 'role', roleCode: 'contract_reviewer' })).toEqual(['legal']);
    expect(await resolve({ kind: 'role', roleCode: 'contract_reviewer' }, 'legal')).toEqual([]);
    // On the chain first: the product manager in OFF, not every product manager.
    users.pm2 = { dept: 'LEGAL', manager: null, roles: ['product_manager'], active: true };
    expect(await resolve({ kind: 'role', roleCode: 'product_manager' })).toEqual(['pm']);
    delete users.pm2;
  });

  it('a user taken from a field of the record', async () => {
    expect(await resolve({ kind: 'field', field: 'reviewer' }, 'rep', { reviewer: 'fin' })).toEqual([]);
    const id = '11111111-1111-4111-8111-111111111111';
    users[id] = { dept: 'G', manager: null, roles: [], active: true };
    expect(await resolve({ kind: 'field', field: 'reviewer' }, 'rep', { reviewer: id })).toEqual([id]);
    expect(await resolve({ kind: 'field', field: 'reviewer' }, 'rep', {})).toEqual([]);
  });

  it('escalation goes to the head above the assignee', async () => {
    expect(await nextLevelHead(tx, org, 'rep')).toBe('mgr');
    expect(await nextLevelHead(tx, org, 'mgr')).toBe('dir');
    expect(await nextLevelHead(tx, org, 'ceo')).toBeUndefined();
  });
});
