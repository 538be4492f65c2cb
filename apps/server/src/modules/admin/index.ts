import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import { withTx } from '../../kernel/db/tx.ts';
import './admin.messages.ts';
import { adminJobs } from './admin.jobs.ts';
import { adminRoutes } from './admin.routes.ts';
import { seedOrganisation, syncBuiltinRoles } from './admin.seed.ts';
import { createAuditLogService } from './audit-log.service.ts';
import { createAuthService } from './auth.service.ts';
import { createDepartmentService } from './departments.service.ts';
import { createOrgDirectory } from './org-directory.ts';
import { createPeople } from './people.ts';
import { createProfileService } from './profile.service.ts';
import { createRoleService } from './roles.service.ts';
import { createUserService } from './users.service.ts';

export { addDefaultGrants, BUILTIN_ROLES } from './admin.messages.ts';
export type { AuthService } from './auth.service.ts';
export type { UserService } from './users.service.ts';
export type { People, UserSummary } from './people.ts';
export { hashPassword } from './passwords.ts';
export { DEMO_USERS, DEMO_DEPARTMENTS } from './admin.seed.ts';

/** Organisation, identity and administration: users, departments, roles, sessions, API tokens, audit-log reading. */
export function createAdminModule(k: Kernel) {
  const { db, clock, config } = k;
  const directory = createOrgDirectory({ db, ttlMs: 30_000 });
  const auth = createAuthService({ db, clock, session: config.session, directory });
  const users = createUserService({ db, clock, notifications: k.notifications, directory });
  const departments = createDepartmentService({ db, clock, directory });
  const roles = createRoleService({ db, clock, directory });
  const profile = createProfileService({ db, clock });
  const auditLog = createAuditLogService({ db, clock });
  const module: ModuleDefinition = {
    name: 'admin',
    routes: adminRoutes({ auth, profile, users, departments, roles, auditLog, notifications: k.notifications, isHttps: config.isHttps }),
    jobs: adminJobs({ auth }),
    async prepare() {
      await withTx(db, (tx) => syncBuiltinRoles(tx, clock));
    },
    async seed(ctx) {
      const result = await withTx(db, (tx) =>
        seedOrganisation(tx, {
          clock,
          adminPassword: config.adminPassword,
          demo: config.demo.enabled,
          demoPassword: config.demo.password,
          demoPasswordHash: ctx.demoPasswordHash,
        }),
      );
      return result;
    },
  };
  const people = createPeople({ db, directory });
  return { module, auth, users, departments, roles, people, authResolver: auth.resolver };
}
export type AdminModule = ReturnType<typeof createAdminModule>;
