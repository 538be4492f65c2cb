import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Permission } from '@crm/contracts';
import { LoginPage } from '../features/auth/pages/login-page.tsx';
import { RequireAuth } from './auth/require-auth.tsx';
import { RequirePermission } from './auth/require-permission.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { RouteErrorPage } from './pages/route-error-page.tsx';

// One chunk per page: the login screen does not pay for the admin pages.
const HomePage = lazy(() => import('../features/home/pages/home-page.tsx').then((m) => ({ default: m.HomePage })));
const InboxPage = lazy(() => import('../features/notifications/pages/inbox-page.tsx').then((m) => ({ default: m.InboxPage })));
const ProfilePage = lazy(() => import('../features/profile/pages/profile-page.tsx').then((m) => ({ default: m.ProfilePage })));
const DepartmentsPage = lazy(() =>
  import('../features/departments/pages/departments-page.tsx').then((m) => ({ default: m.DepartmentsPage })),
);
const UsersPage = lazy(() => import('../features/users/pages/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('../features/roles/pages/roles-page.tsx').then((m) => ({ default: m.RolesPage })));
const PoolPage = lazy(() => import('../features/customers/pool/pool-page.tsx').then((m) => ({ default: m.PoolPage })));
const PoolSettingsPage = lazy(() =>
  import('../features/customers/pool/pool-settings-page.tsx').then((m) => ({ default: m.PoolSettingsPage })),
);
const CustomersPage = lazy(() =>
  import('../features/customers/pool/customers-page-with-batch.tsx').then((m) => ({ default: m.CustomersPageWithBatch })),
);
const CustomerDetailPage = lazy(() =>
  import('../features/customers/pages/customer-detail-page.tsx').then((m) => ({ default: m.CustomerDetailPage })),
);
const GradingSettingsPage = lazy(() =>
  import('../features/customers/grading/grading-settings-page.tsx').then((m) => ({ default: m.GradingSettingsPage })),
);
const TasksPage = lazy(() => import('../features/tasks/pages/tasks-page.tsx').then((m) => ({ default: m.TasksPage })));
const AuditPage = lazy(() => import('../features/audit/pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'profile', element: <ProfilePage /> },
      {
        path: 'tasks',
        element: (
          <RequirePermission permission={Permission.taskRead}>
            <TasksPage />
          </RequirePermission>
        ),
      },
      {
        path: 'customers',
        element: (
          <RequirePermission permission={Permission.customerRead}>
            <CustomersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'customer-pool',
        element: (
          <RequirePermission permission={Permission.customerRead}>
            <PoolPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/customer-pools',
        element: (
          <RequirePermission permission={Permission.customerPoolManage}>
            <PoolSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'customers/:id',
        element: (
          <RequirePermission permission={Permission.customerRead}>
            <CustomerDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/departments',
        element: (
          <RequirePermission permission={Permission.departmentRead}>
            <DepartmentsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequirePermission permission={Permission.userRead}>
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/roles',
        element: (
          <RequirePermission permission={Permission.roleRead}>
            <RolesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/customer-grading',
        element: (
          <RequirePermission permission={Permission.customerGradingSettings}>
            <GradingSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <RequirePermission permission={Permission.auditRead}>
            <AuditPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
