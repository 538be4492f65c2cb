import { randomBytes } from 'node:crypto';
import { BuiltinRole } from '@crm/contracts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import { asSystem } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { BUILTIN_ROLES, DEFAULT_GRANTS } from './admin.messages.ts';
import * as repo from './org.repository.ts';
import { hashPassword } from './passwords.ts';

/** Creates missing built-in roles and applies default grants not applied before. Runs at every start. */
export async function syncBuiltinRoles(tx: Db, clock: Clock): Promise<void> {
  const actor = asSystem('seed');
  const applied = await repo.appliedDefaultGrants(tx);
  const newlyApplied: { roleCode: string; permission: string }[] = [];
  for (const spec of BUILTIN_ROLES) {
    const grants = [...(DEFAULT_GRANTS[spec.code] ?? [])];
    let row = await repo.findRoleByCode(tx, spec.code);
    if (!row) {
      const now = clock.now();
      row = await repo.insertRole(tx, { ...spec, isBuiltin: true, permissions: grants.sort(), createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, { action: 'role.create', entityType: 'role', entityId: row.id, after: row });
      newlyApplied.push(...grants.map((permission) => ({ roleCode: spec.code, permission })));
      continue;
    }
    const missing = grants.filter((p) => !applied.has(`${spec.code} ${p}`));
    if (missing.length > 0) {
      await repo.addRolePermissions(tx, row.id, missing);
      await writeAudit(tx, actor, { action: 'role.default_grants', entityType: 'role', entityId: row.id, meta: { added: missing } });
      newlyApplied.push(...missing.map((permission) => ({ roleCode: spec.code, permission })));
    }
  }
  await repo.recordDefaultGrants(tx, newlyApplied);
}

export function generatePassword(): string {
  // 16 characters from an alphabet without look-alikes.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

type DeptSpec = { code: string; name: string; kind: 'group' | 'business_unit' | 'office' | 'team'; parent?: string };

/** group → 2 business units → 4 regional offices → teams, plus the functional departments. */
export const DEMO_DEPARTMENTS: readonly DeptSpec[] = [
  { code: 'GROUP', name: '智能电表集团', kind: 'group' },
  { code: 'BU-DOM', name: '国内营销事业部', kind: 'business_unit', parent: 'GROUP' },
  { code: 'BU-INT', name: '国际与行业事业部', kind: 'business_unit', parent: 'GROUP' },
  { code: 'OFF-EAST', name: '华东大区', kind: 'office', parent: 'BU-DOM' },
  { code: 'OFF-NORTH', name: '华北大区', kind: 'office', parent: 'BU-DOM' },
  { code: 'OFF-INTL', name: '海外大区', kind: 'office', parent: 'BU-INT' },
  { code: 'OFF-IND', name: '行业客户大区', kind: 'office', parent: 'BU-INT' },
  { code: 'T-EAST-1', name: '华东一组', kind: 'team', parent: 'OFF-EAST' },
  { code: 'T-EAST-2', name: '华东二组', kind: 'team', parent: 'OFF-EAST' },
  { code: 'T-NORTH-1', name: '华北一组', kind: 'team', parent: 'OFF-NORTH' },
  { code: 'T-NORTH-2', name: '华北二组', kind: 'team', parent: 'OFF-NORTH' },
  { code: 'T-INTL-1', name: '海外一组', kind: 'team', parent: 'OFF-INTL' },
  { code: 'T-IND-1', name: '行业一组', kind: 'team', parent: 'OFF-IND' },
  { code: 'PRODUCT', name: '产品管理部', kind: 'team', parent: 'GROUP' },
  { code: 'LEGAL', name: '商务法务部', kind: 'team', parent: 'GROUP' },
  { code: 'FINANCE', name: '财务部', kind: 'team', parent: 'GROUP' },
  { code: 'PLANNING', name: '计划部', kind: 'team', parent: 'GROUP' },
  { code: 'SUPPORT', name: '技术支持部', kind: 'team', parent: 'GROUP' },
];

type UserSpec = {
  username: string;
  name: string;
  dept: string;
  role: string;
  manager?: string;
  head?: boolean;
  locale?: 'zh-CN' | 'en-US';
};

export const DEMO_USERS: readonly UserSpec[] = [
  { username: 'director.dom', name: '王建国', dept: 'BU-DOM', role: BuiltinRole.salesDirector, head: true },
  { username: 'director.int', name: '李华', dept: 'BU-INT', role: BuiltinRole.salesDirector, head: true },
  { username: 'mgr.east', name: '张伟', dept: 'OFF-EAST', role: BuiltinRole.salesManager, manager: 'director.dom', head: true },
  { username: 'mgr.north', name: '刘洋', dept: 'OFF-NORTH', role: BuiltinRole.salesManager, manager: 'director.dom', head: true },
  {
    username: 'mgr.intl',
    name: '陈静',
    dept: 'OFF-INTL',
    role: BuiltinRole.salesManager,
    manager: 'director.int',
    head: true,
    locale: 'en-US',
  },
  { username: 'mgr.ind', name: '杨帆', dept: 'OFF-IND', role: BuiltinRole.salesManager, manager: 'director.int', head: true },
  { username: 'rep.east1', name: '黄磊', dept: 'T-EAST-1', role: BuiltinRole.salesRep, manager: 'mgr.east' },
  { username: 'rep.east2', name: '周杰', dept: 'T-EAST-1', role: BuiltinRole.salesRep, manager: 'mgr.east' },
  { username: 'rep.east3', name: '林晓', dept: 'T-EAST-1', role: BuiltinRole.salesRep, manager: 'mgr.east' },
  { username: 'rep.east4', name: '徐明', dept: 'T-EAST-2', role: BuiltinRole.salesRep, manager: 'mgr.east' },
  { username: 'rep.east5', name: '马丽', dept: 'T-EAST-2', role: BuiltinRole.salesRep, manager: 'mgr.east' },
  { username: 'rep.north1', name: '朱峰', dept: 'T-NORTH-1', role: BuiltinRole.salesRep, manager: 'mgr.north' },
  { username: 'rep.north2', name: '胡静', dept: 'T-NORTH-1', role: BuiltinRole.salesRep, manager: 'mgr.north' },
  { username: 'rep.north3', name: '郭涛', dept: 'T-NORTH-2', role: BuiltinRole.salesRep, manager: 'mgr.north' },
  { username: 'rep.north4', name: '何静怡', dept: 'T-NORTH-2', role: BuiltinRole.salesRep, manager: 'mgr.north' },
  { username: 'rep.intl1', name: 'Daniel Wu', dept: 'T-INTL-1', role: BuiltinRole.salesRep, manager: 'mgr.intl', locale: 'en-US' },
  { username: 'rep.intl2', name: '罗敏', dept: 'T-INTL-1', role: BuiltinRole.salesRep, manager: 'mgr.intl' },
  { username: 'rep.ind1', name: '高翔', dept: 'T-IND-1', role: BuiltinRole.salesRep, manager: 'mgr.ind' },
  { username: 'rep.ind2', name: '梁宇', dept: 'T-IND-1', role: BuiltinRole.salesRep, manager: 'mgr.ind' },
  { username: 'rep.ind3', name: '宋佳', dept: 'T-IND-1', role: BuiltinRole.salesRep, manager: 'mgr.ind' },
  { username: 'pm.meter', name: '赵敏', dept: 'PRODUCT', role: BuiltinRole.productManager, head: true },
  { username: 'pm.dist', name: '孙磊', dept: 'PRODUCT', role: BuiltinRole.productManager, manager: 'pm.meter' },
  { username: 'legal.1', name: '周婷', dept: 'LEGAL', role: BuiltinRole.contractReviewer, head: true },
  { username: 'legal.2', name: '吴刚', dept: 'LEGAL', role: BuiltinRole.contractReviewer, manager: 'legal.1' },
  { username: 'finance.1', name: '郑丽', dept: 'FINANCE', role: BuiltinRole.finance, head: true },
  { username: 'finance.2', name: '冯军', dept: 'FINANCE', role: BuiltinRole.finance, manager: 'finance.1' },
  { username: 'planner.1', name: '何勇', dept: 'PLANNING', role: BuiltinRole.planner, head: true },
  { username: 'support.1', name: '许强', dept: 'SUPPORT', role: BuiltinRole.techSupport, head: true },
  { username: 'support.2', name: '韩梅', dept: 'SUPPORT', role: BuiltinRole.techSupport, manager: 'support.1' },
];

export type SeedResult = { adminPassword?: string; demoPassword?: string; seeded: boolean };

/**
 * On an empty database: the root department and the administrator, then (unless demo is off) the
 * demo organisation. Passwords not given are generated and returned, to be printed once.
 */
export async function seedOrganisation(
  tx: Db,
  opts: { clock: Clock; adminPassword?: string; demo: boolean; demoPassword?: string; demoPasswordHash?: string },
): Promise<SeedResult> {
  await repo.lockForSeed(tx);
  if ((await repo.countUsers(tx)) > 0) return { seeded: false };
  const actor = asSystem('seed');
  const now = opts.clock.now();
  const stamp = { createdAt: now, updatedAt: now };
  const adminPassword = opts.adminPassword ?? generatePassword();
  const deptIds = new Map<string, string>();
  const paths = new Map<string, string>();
  const specs = opts.demo ? DEMO_DEPARTMENTS : DEMO_DEPARTMENTS.slice(0, 1);
  for (const [i, spec] of specs.entries()) {
    const id = crypto.randomUUID();
    const parentPath = spec.parent ? paths.get(spec.parent)! : '/';
    const path = `${parentPath}${id}/`;
    await repo.insertDepartment(tx, {
      id,
      parentId: spec.parent ? deptIds.get(spec.parent)! : null,
      name: spec.name,
      code: spec.code,
      kind: spec.kind,
      path,
      sortOrder: i,
      ...stamp,
    });
    deptIds.set(spec.code, id);
    paths.set(spec.code, path);
  }
  const roles = new Map((await repo.listRoles(tx)).map((r) => [r.code, r.id]));
  const admin = await repo.insertUser(tx, {
    username: 'admin',
    displayName: '系统管理员',
    departmentId: deptIds.get('GROUP')!,
    passwordHash: await hashPassword(adminPassword),
    mustChangePassword: opts.adminPassword === undefined,
    passwordChangedAt: now,
    ...stamp,
  });
  await repo.setUserRoles(tx, admin.id, [roles.get(BuiltinRole.admin)!]);
  await writeAudit(tx, actor, {
    action: 'user.create',
    entityType: 'user',
    entityId: admin.id,
    after: { username: 'admin', roles: ['admin'] },
  });
  const result: SeedResult = { seeded: true };
  if (opts.adminPassword === undefined) result.adminPassword = adminPassword;
  if (!opts.demo) return result;

  const demoPassword = opts.demoPassword ?? generatePassword();
  if (opts.demoPassword === undefined) result.demoPassword = demoPassword;
  // One hash for all demo users: they share the password by design, and hashing 30 times is slow.
  const passwordHash = opts.demoPasswordHash ?? (await hashPassword(demoPassword));
  const userIds = new Map<string, string>([['admin', admin.id]]);
  for (const spec of DEMO_USERS) {
    const user = await repo.insertUser(tx, {
      username: spec.username,
      displayName: spec.name,
      email: `${spec.username.replace('.', '_')}@meter-group.example.cn`,
      phone: `1380000${String(userIds.size).padStart(4, '0')}`,
      departmentId: deptIds.get(spec.dept)!,
      managerId: spec.manager ? userIds.get(spec.manager)! : null,
      passwordHash,
      locale: spec.locale ?? 'zh-CN',
      passwordChangedAt: now,
      ...stamp,
    });
    userIds.set(spec.username, user.id);
    await repo.setUserRoles(tx, user.id, [roles.get(spec.role)!]);
    if (spec.head) {
      const dept = await repo.findDepartment(tx, deptIds.get(spec.dept)!);
      await repo.updateDepartment(tx, dept!.id, dept!.version, { headUserId: user.id });
    }
  }
  await writeAudit(tx, actor, { action: 'seed.demo_organisation', meta: { departments: specs.length, users: DEMO_USERS.length + 1 } });
  return result;
}
