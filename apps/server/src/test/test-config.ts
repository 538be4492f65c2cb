import { loadConfig, type Config } from '../kernel/config.ts';

/** Known passwords of the test template's seeded users. */
export const TEST_ADMIN_PASSWORD = 'admin-pass-123';
export const TEST_DEMO_PASSWORD = 'demo-pass-123';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    CRM_LOG_LEVEL: 'silent',
    CRM_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    CRM_DEMO_PASSWORD: TEST_DEMO_PASSWORD,
    // The hand-written demo customers only: tests know each of them.
    CRM_DEMO_CUSTOMERS: '25',
    CRM_JOBS: '0',
    // Read entries written at once, so that a test finds them right after the request.
    CRM_AUDIT_READ_FLUSH_MS: '0',
    CRM_DATA_DIR: overrides.CRM_DATA_DIR ?? '/tmp/crm-test-unused',
    CRM_WEB_DIST: '/nonexistent-web-dist',
    ...overrides,
  });
}

/** Which engine integration tests run on: PGlite, or PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngine(env: Record<string, string | undefined>): { kind: 'pglite' } | { kind: 'postgres'; url: string } {
  const url = env.TEST_DATABASE_URL;
  return url ? { kind: 'postgres', url } : { kind: 'pglite' };
}
