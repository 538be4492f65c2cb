import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../kernel/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('registry settings', () => {
  it('default to the simulated registry, not connected until the simulator starts', () => {
    const config = loadConfig({});
    expect(config.integrations).toEqual({
      mode: 'simulated',
      qcc: {
        baseUrl: undefined,
        appKey: undefined,
        secretKey: undefined,
        pageSize: 10,
        timeoutMs: 8000,
        cacheTtlSeconds: 86_400,
        rateLimit: { perSecond: 5, perMinute: 200, maxWaitMs: 3000 },
      },
      logRetentionDays: 30,
    });
    expect(config.registry).toEqual({ refreshCron: '0 3 * * 1', refreshBatchSize: 50 });
  });

  it('need the keys of the real service, and name each missing one', () => {
    expect(problems({ CRM_INTEGRATIONS: 'real' })).toEqual([
      expect.stringMatching(/^CRM_QCC_APP_KEY: required when CRM_INTEGRATIONS=real/),
      expect.stringMatching(/^CRM_QCC_SECRET_KEY: required when CRM_INTEGRATIONS=real/),
    ]);
    const real = loadConfig({ CRM_INTEGRATIONS: 'real', CRM_QCC_APP_KEY: 'k', CRM_QCC_SECRET_KEY: 's', CRM_QCC_PAGE_SIZE: '5' });
    expect(real.integrations.qcc).toMatchObject({ baseUrl: 'https://api.qichacha.com', appKey: 'k', secretKey: 's', pageSize: 5 });
  });

  it('take outbound rate limits (0 switches one off) and the call-log retention', () => {
    const config = loadConfig({
      CRM_QCC_RATE_PER_SECOND: '0',
      CRM_QCC_RATE_PER_MINUTE: '30',
      CRM_QCC_RATE_WAIT_MS: '500',
      CRM_INTEGRATION_LOG_DAYS: '7',
    });
    expect(config.integrations.qcc.rateLimit).toEqual({ perSecond: 0, perMinute: 30, maxWaitMs: 500 });
    expect(config.integrations.logRetentionDays).toBe(7);
    expect(problems({ CRM_QCC_RATE_PER_MINUTE: '-1', CRM_INTEGRATION_LOG_DAYS: '0' })).toEqual([
      expect.stringMatching(/^CRM_QCC_RATE_PER_MINUTE="-1": must be a whole number from 0 to 100000/),
      expect.stringMatching(/^CRM_INTEGRATION_LOG_DAYS="0": must be a whole number from 1 to 3650/),
    ]);
  });

  it('refuse bad values with a clear message', () => {
    expect(
      problems({
        CRM_INTEGRATIONS: 'mock',
        CRM_QCC_BASE_URL: 'api.qichacha.com',
        CRM_QCC_PAGE_SIZE: '500',
        CRM_REGISTRY_REFRESH_CRON: 'weekly',
      }),
    ).toEqual([
      expect.stringMatching(/^CRM_INTEGRATIONS="mock": /),
      expect.stringMatching(/^CRM_QCC_BASE_URL="api.qichacha.com": must be an http\(s\) URL/),
      expect.stringMatching(/^CRM_QCC_PAGE_SIZE="500": must be a whole number from 1 to 50/),
      expect.stringMatching(/^CRM_REGISTRY_REFRESH_CRON="weekly": must be a cron expression of five fields/),
    ]);
  });
});
