import type { Audience, Scenario } from './scenarios.ts';

/**
 * Targets of the sales scenarios (issue 4), on PostgreSQL with 50 users: the kanban of a team with
 * 5,000 open opportunities p95 ≤ 300 ms, a director's performance summary over all users p95 ≤
 * 200 ms, the lists p95 ≤ 100 ms. A rep's own performance has no target of its own in the issue:
 * it is held to the lists' 100 ms.
 */
export const SALES_TARGETS = {
  opportunities: 200_000,
  kanbanOpen: 5_000,
  kanbanP95Ms: 300,
  performanceSummaryP95Ms: 200,
  performanceUserP95Ms: 100,
  listP95Ms: 100,
} as const;

/** What the sales scenarios are built from: the current quarter, and which data exists. */
export type SalesContext = { period: string; kanban: boolean; leads: number; quotes: number };

const ROLES: { key: string; audience: Audience; label: string }[] = [
  { key: 'rep', audience: 'customerReps', label: 'sales reps' },
  { key: 'manager', audience: 'customerManagers', label: 'sales managers' },
  { key: 'director', audience: 'customerDirectors', label: 'sales directors' },
];

/** The first page of a list, as the web app asks for it (PAGE_SIZE 50, default sort), per role. */
function lists(name: string, path: string): Scenario[] {
  return ROLES.map((role) => ({
    name: `sales.${name}.list.${role.key}`,
    endpoint: `GET ${path}?limit=50 (${role.label})`,
    audience: role.audience,
    variant: false,
    kind: 'list',
    p95TargetMs: SALES_TARGETS.listP95Ms,
    paced: true,
    input: () => '',
    captureInput: () => '',
    path: () => `${path}?limit=50`,
  }));
}

/**
 * The sales scenarios. Sessions: the customer scenarios' 50 sales reps, 50 sales managers and the
 * sales directors (several sessions each), and for the kanban the manager of the kanban team
 * (sales-data.ts: findKanbanTeam), 50 sessions of that one person. They run closed loop at every
 * configured concurrency (connections beyond the sessions share them) and with 50 users who think.
 */
export function salesScenarios(ctx: SalesContext): Scenario[] {
  const period = encodeURIComponent(ctx.period);
  return [
    ...(ctx.kanban
      ? [
          {
            name: 'sales.kanban.team',
            endpoint:
              'GET /api/v1/opportunities/board?limit=20 (the manager of the kanban team: the board of the whole department subtree)',
            audience: 'salesKanban',
            variant: false,
            kind: 'list',
            p95TargetMs: SALES_TARGETS.kanbanP95Ms,
            paced: true,
            input: () => '',
            captureInput: () => '',
            path: () => '/api/v1/opportunities/board?limit=20',
          } satisfies Scenario,
        ]
      : []),
    {
      name: 'sales.performance.summary',
      endpoint: `GET /api/v1/performance/summary?period=${ctx.period} (sales directors: every user and department)`,
      audience: 'customerDirectors',
      variant: false,
      kind: 'list',
      p95TargetMs: SALES_TARGETS.performanceSummaryP95Ms,
      paced: true,
      input: () => '',
      captureInput: () => '',
      path: () => `/api/v1/performance/summary?period=${period}`,
    },
    {
      name: 'sales.performance.user',
      endpoint: `GET /api/v1/performance?period=${ctx.period}&subject=user:{own id} (sales reps)`,
      audience: 'customerReps',
      variant: false,
      kind: 'detail',
      p95TargetMs: SALES_TARGETS.performanceUserP95Ms,
      paced: true,
      input: () => '',
      captureInput: () => '',
      path: (session) => `/api/v1/performance?period=${period}&subject=${encodeURIComponent(`user:${session.user.id}`)}`,
    },
    ...lists('opportunities', '/api/v1/opportunities'),
    ...(ctx.leads > 0 ? lists('leads', '/api/v1/leads') : []),
    ...(ctx.quotes > 0 ? lists('quotes', '/api/v1/quotes') : []),
  ];
}
