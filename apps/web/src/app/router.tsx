import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { Permission } from '@crm/contracts';
import { LoginPage } from '../features/auth/pages/login-page.tsx';
import { FullPageSpin } from '../shared/ui/full-page-spin.tsx';
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
const ProductsPage = lazy(() => import('../features/products/pages/products-page.tsx').then((m) => ({ default: m.ProductsPage })));
const PriceListsPage = lazy(() => import('../features/products/pages/price-lists-page.tsx').then((m) => ({ default: m.PriceListsPage })));
const TasksPage = lazy(() => import('../features/tasks/pages/tasks-page.tsx').then((m) => ({ default: m.TasksPage })));
const CalendarPage = lazy(() => import('../features/calendar/pages/calendar-page.tsx').then((m) => ({ default: m.CalendarPage })));
const IntegrationsPage = lazy(() =>
  import('../features/integrations/pages/integrations-page.tsx').then((m) => ({ default: m.IntegrationsPage })),
);
const TargetsPage = lazy(() => import('../features/targets/pages/targets-page.tsx').then((m) => ({ default: m.TargetsPage })));
const PerformancePage = lazy(() => import('../features/targets/pages/performance-page.tsx').then((m) => ({ default: m.PerformancePage })));
const LeadsPage = lazy(() => import('../features/leads/pages/leads-page.tsx').then((m) => ({ default: m.LeadsPage })));
const LeadDetailPage = lazy(() => import('../features/leads/pages/lead-detail-page.tsx').then((m) => ({ default: m.LeadDetailPage })));
const OpportunitiesPage = lazy(() =>
  import('../features/opportunities/pages/opportunities-page.tsx').then((m) => ({ default: m.OpportunitiesPage })),
);
const OpportunityBoardPage = lazy(() =>
  import('../features/opportunities/pages/opportunity-board-page.tsx').then((m) => ({ default: m.OpportunityBoardPage })),
);
const OpportunityDetailPage = lazy(() =>
  import('../features/opportunities/pages/opportunity-detail-page.tsx').then((m) => ({ default: m.OpportunityDetailPage })),
);
const PipelineSettingsPage = lazy(() =>
  import('../features/opportunities/pages/pipeline-settings-page.tsx').then((m) => ({ default: m.PipelineSettingsPage })),
);
const QuotesPage = lazy(() => import('../features/quotes/pages/quotes-page.tsx').then((m) => ({ default: m.QuotesPage })));
const QuoteDetailPage = lazy(() => import('../features/quotes/pages/quote-detail-page.tsx').then((m) => ({ default: m.QuoteDetailPage })));
const QuoteEditorPage = lazy(() => import('../features/quotes/pages/quote-editor-page.tsx').then((m) => ({ default: m.QuoteEditorPage })));
const QuotePrintPage = lazy(() => import('../features/quotes/pages/quote-print-page.tsx').then((m) => ({ default: m.QuotePrintPage })));
const QuoteSettingsPage = lazy(() =>
  import('../features/quotes/pages/quote-settings-page.tsx').then((m) => ({ default: m.QuoteSettingsPage })),
);
const RequirementsPage = lazy(() =>
  import('../features/requirements/pages/requirements-page.tsx').then((m) => ({ default: m.RequirementsPage })),
);
const RequirementFormPage = lazy(() =>
  import('../features/requirements/pages/requirement-form-page.tsx').then((m) => ({ default: m.RequirementFormPage })),
);
const RequirementDetailPage = lazy(() =>
  import('../features/requirements/pages/requirement-detail-page.tsx').then((m) => ({ default: m.RequirementDetailPage })),
);
const ContractsPage = lazy(() => import('../features/contracts/pages/contracts-page.tsx').then((m) => ({ default: m.ContractsPage })));
const ContractNewPage = lazy(() =>
  import('../features/contracts/pages/contract-new-page.tsx').then((m) => ({ default: m.ContractNewPage })),
);
const ContractDetailPage = lazy(() =>
  import('../features/contracts/pages/contract-detail-page.tsx').then((m) => ({ default: m.ContractDetailPage })),
);
const ContractSettingsPage = lazy(() =>
  import('../features/contracts/pages/contract-settings-page.tsx').then((m) => ({ default: m.ContractSettingsPage })),
);
const ContractTemplatesPage = lazy(() =>
  import('../features/contracts/templates/contract-templates-page.tsx').then((m) => ({ default: m.ContractTemplatesPage })),
);
const ApprovalsPage = lazy(() => import('../features/approvals/pages/approvals-page.tsx').then((m) => ({ default: m.ApprovalsPage })));
const ApprovalDefinitionsPage = lazy(() =>
  import('../features/approvals/pages/approval-definitions-page.tsx').then((m) => ({ default: m.ApprovalDefinitionsPage })),
);
const AuditPage = lazy(() => import('../features/audit/pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    // The printable quote: the sheet alone, without the application's menu and header.
    path: '/quotes/:id/print',
    element: (
      <RequireAuth>
        <RequirePermission permission={Permission.quoteRead}>
          <Suspense fallback={<FullPageSpin />}>
            <QuotePrintPage />
          </Suspense>
        </RequirePermission>
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
  },
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
      { path: 'approvals', element: <ApprovalsPage /> },
      { path: 'approvals/:id', element: <ApprovalsPage /> },
      {
        path: 'admin/approval-definitions',
        element: (
          <RequirePermission permission={Permission.approvalDefinitionManage}>
            <ApprovalDefinitionsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tasks',
        element: (
          <RequirePermission permission={Permission.taskRead}>
            <TasksPage />
          </RequirePermission>
        ),
      },
      {
        path: 'calendar',
        element: (
          <RequirePermission permission={Permission.taskRead}>
            <CalendarPage />
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
        path: 'targets',
        element: (
          <RequirePermission permission={Permission.targetManage}>
            <TargetsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'performance',
        element: (
          <RequirePermission permission={Permission.targetRead}>
            <PerformancePage />
          </RequirePermission>
        ),
      },
      {
        path: 'leads',
        element: (
          <RequirePermission permission={Permission.leadRead}>
            <LeadsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'leads/:id',
        element: (
          <RequirePermission permission={Permission.leadRead}>
            <LeadDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'opportunities',
        element: (
          <RequirePermission permission={Permission.opportunityRead}>
            <OpportunitiesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'opportunities/board',
        element: (
          <RequirePermission permission={Permission.opportunityRead}>
            <OpportunityBoardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'opportunities/:id',
        element: (
          <RequirePermission permission={Permission.opportunityRead}>
            <OpportunityDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/opportunity-pipeline',
        element: (
          <RequirePermission permission={Permission.opportunityPipelineManage}>
            <PipelineSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'products',
        element: (
          <RequirePermission permission={Permission.productRead}>
            <ProductsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'price-lists',
        element: (
          <RequirePermission permission={Permission.priceListRead}>
            <PriceListsPage />
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
      {
        path: 'admin/integrations',
        element: (
          <RequirePermission permission={Permission.integrationRead}>
            <IntegrationsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'quotes',
        element: (
          <RequirePermission permission={Permission.quoteRead}>
            <QuotesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'quotes/new',
        element: (
          <RequirePermission permission={Permission.quoteWrite}>
            <QuoteEditorPage />
          </RequirePermission>
        ),
      },
      {
        path: 'quotes/:id',
        element: (
          <RequirePermission permission={Permission.quoteRead}>
            <QuoteDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'quotes/:id/edit',
        element: (
          <RequirePermission permission={Permission.quoteWrite}>
            <QuoteEditorPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/quote-settings',
        element: (
          <RequirePermission permission={Permission.quoteSettings}>
            <QuoteSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'requirements',
        element: (
          <RequirePermission permission={Permission.requirementRead}>
            <RequirementsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'requirements/new',
        element: (
          <RequirePermission permission={Permission.requirementWrite}>
            <RequirementFormPage />
          </RequirePermission>
        ),
      },
      {
        path: 'requirements/:id',
        element: (
          <RequirePermission permission={Permission.requirementRead}>
            <RequirementDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'requirements/:id/edit',
        element: (
          <RequirePermission permission={Permission.requirementWrite}>
            <RequirementFormPage />
          </RequirePermission>
        ),
      },
      {
        path: 'contracts',
        element: (
          <RequirePermission permission={Permission.contractRead}>
            <ContractsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'contracts/new',
        element: (
          <RequirePermission permission={Permission.contractWrite}>
            <ContractNewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'contracts/:id',
        element: (
          <RequirePermission permission={Permission.contractRead}>
            <ContractDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/contract-settings',
        element: (
          <RequirePermission permission={Permission.contractSettings}>
            <ContractSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/contract-templates',
        element: (
          <RequirePermission permission={Permission.contractTemplateManage}>
            <ContractTemplatesPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
