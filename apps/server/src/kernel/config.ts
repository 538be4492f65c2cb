import { z } from 'zod';

/**
 * Every setting of the server comes from the environment and is validated here, once, at start.
 * `process.env` is read nowhere else (lint enforces it).
 */
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'yes', 'on'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: int(3000, 1, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must start with postgres:// or postgresql://',
  }),
  CRM_DB_POOL_MAX: int(20, 1, 500),
  CRM_DATA_DIR: z.string().default('./data'),
  CRM_ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 8, {
    message: 'must have at least 8 characters',
  }),
  CRM_DEMO: flag(true),
  CRM_DEMO_CUSTOMERS: int(2000, 25, 100_000),
  CRM_DEMO_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 8, {
    message: 'must have at least 8 characters',
  }),
  CRM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CRM_PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), {
    message: 'must be an http(s) URL such as https://crm.example.com',
  }),
  CRM_TRUST_PROXY: flag(false),
  CRM_SESSION_IDLE_MINUTES: int(120, 5, 24 * 60),
  CRM_SESSION_ABSOLUTE_HOURS: int(12, 1, 24 * 30),
  CRM_BODY_LIMIT_KB: int(1024, 16, 100 * 1024),
  CRM_UPLOAD_LIMIT_MB: int(50, 1, 2048),
  CRM_FILE_STORAGE: z.enum(['local', 's3']).default('local'),
  CRM_S3_ENDPOINT: optionalString,
  CRM_S3_REGION: z.string().default('us-east-1'),
  CRM_S3_BUCKET: optionalString,
  CRM_S3_ACCESS_KEY_ID: optionalString,
  CRM_S3_SECRET_ACCESS_KEY: optionalString,
  CRM_S3_FORCE_PATH_STYLE: flag(true),
  CRM_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be an IANA time zone such as Asia/Shanghai' },
    ),
  CRM_DEFAULT_LOCALE: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  CRM_JOBS: flag(true),
  CRM_WEB_DIST: optionalString,
  CRM_MERGE_UNDO_HOURS: int(24, 1, 24 * 30),
  CRM_AUDIT_READ_FLUSH_MS: int(200, 0, 10_000),
  CRM_INTEGRATIONS: z.enum(['simulated', 'real']).default('simulated'),
  CRM_QCC_BASE_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), {
    message: 'must be an http(s) URL such as https://api.qichacha.com',
  }),
  CRM_QCC_APP_KEY: optionalString,
  CRM_QCC_SECRET_KEY: optionalString,
  CRM_QCC_PAGE_SIZE: int(10, 1, 50),
  CRM_QCC_TIMEOUT_MS: int(8000, 500, 60_000),
  CRM_QCC_CACHE_HOURS: int(24, 0, 24 * 30),
  CRM_QCC_RATE_PER_SECOND: int(5, 0, 1000),
  CRM_QCC_RATE_PER_MINUTE: int(200, 0, 100_000),
  CRM_QCC_RATE_WAIT_MS: int(3000, 0, 60_000),
  CRM_INTEGRATION_LOG_DAYS: int(30, 1, 3650),
  CRM_REGISTRY_REFRESH_CRON: z
    .string()
    .default('0 3 * * 1')
    .refine((v) => /^\S+( \S+){4}$/.test(v.trim()), { message: 'must be a cron expression of five fields, e.g. "0 3 * * 1"' }),
  CRM_REGISTRY_REFRESH_BATCH: int(50, 1, 500),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolMax: number };
  dataDir: string;
  adminPassword: string | undefined;
  demo: { enabled: boolean; password: string | undefined; customers: number };
  logLevel: string;
  publicUrl: string | undefined;
  isHttps: boolean;
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  files:
    | { kind: 'local'; dir: string }
    | {
        kind: 's3';
        endpoint: string | undefined;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      };
  timezone: string;
  defaultLocale: 'zh-CN' | 'en-US';
  jobs: boolean;
  webDist: string | undefined;
  /** How long after a customer merge it can still be undone. */
  mergeUndoHours: number;
  /** Reads of records and lists reach the audit log in batches at most this late; 0 writes each at once. */
  auditReadFlushMs: number;
  integrations: {
    /** `simulated`: `main.ts` starts the simulators in-process and points the connectors at them. */
    mode: 'simulated' | 'real';
    /** 企查查: unset base URL and keys mean "not connected" (simulated mode fills them at start). */
    qcc: {
      baseUrl: string | undefined;
      appKey: string | undefined;
      secretKey: string | undefined;
      pageSize: number;
      timeoutMs: number;
      cacheTtlSeconds: number;
      /** Outbound limits shared by all nodes (0: off), and how long a user's lookup waits for a slot. */
      rateLimit: { perSecond: number; perMinute: number; maxWaitMs: number };
    };
    /** How long the integration call log keeps its rows. */
    logRetentionDays: number;
  };
  registry: { refreshCron: string; refreshBatchSize: number };
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.CRM_FILE_STORAGE === 's3') {
    for (const key of ['CRM_S3_BUCKET', 'CRM_S3_ACCESS_KEY_ID', 'CRM_S3_SECRET_ACCESS_KEY'] as const) {
      if (!e[key]) problems.push(`${key}: required when CRM_FILE_STORAGE=s3`);
    }
  }
  if (e.CRM_INTEGRATIONS === 'real') {
    for (const key of ['CRM_QCC_APP_KEY', 'CRM_QCC_SECRET_KEY'] as const) {
      if (!e[key]) problems.push(`${key}: required when CRM_INTEGRATIONS=real (the AppKey and SecretKey of the 企查查 open API account)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = e.CRM_DATA_DIR;
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.CRM_DB_POOL_MAX }
      : { kind: 'pglite', dataDir: `${dataDir}/db` },
    dataDir,
    adminPassword: e.CRM_ADMIN_PASSWORD,
    demo: { enabled: e.CRM_DEMO, password: e.CRM_DEMO_PASSWORD, customers: e.CRM_DEMO_CUSTOMERS },
    logLevel: e.CRM_LOG_LEVEL,
    publicUrl: e.CRM_PUBLIC_URL,
    isHttps: e.CRM_PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: e.CRM_TRUST_PROXY,
    session: { idleMinutes: e.CRM_SESSION_IDLE_MINUTES, absoluteHours: e.CRM_SESSION_ABSOLUTE_HOURS },
    bodyLimitBytes: e.CRM_BODY_LIMIT_KB * 1024,
    uploadLimitBytes: e.CRM_UPLOAD_LIMIT_MB * 1024 * 1024,
    files:
      e.CRM_FILE_STORAGE === 's3'
        ? {
            kind: 's3',
            endpoint: e.CRM_S3_ENDPOINT,
            region: e.CRM_S3_REGION,
            bucket: e.CRM_S3_BUCKET!,
            accessKeyId: e.CRM_S3_ACCESS_KEY_ID!,
            secretAccessKey: e.CRM_S3_SECRET_ACCESS_KEY!,
            forcePathStyle: e.CRM_S3_FORCE_PATH_STYLE,
          }
        : { kind: 'local', dir: `${dataDir}/files` },
    timezone: e.CRM_TIMEZONE,
    defaultLocale: e.CRM_DEFAULT_LOCALE,
    jobs: e.CRM_JOBS,
    webDist: e.CRM_WEB_DIST,
    mergeUndoHours: e.CRM_MERGE_UNDO_HOURS,
    auditReadFlushMs: e.CRM_AUDIT_READ_FLUSH_MS,
    integrations: {
      mode: e.CRM_INTEGRATIONS,
      qcc: {
        baseUrl: e.CRM_INTEGRATIONS === 'real' ? (e.CRM_QCC_BASE_URL ?? 'https://api.qichacha.com') : undefined,
        appKey: e.CRM_INTEGRATIONS === 'real' ? e.CRM_QCC_APP_KEY : undefined,
        secretKey: e.CRM_INTEGRATIONS === 'real' ? e.CRM_QCC_SECRET_KEY : undefined,
        pageSize: e.CRM_QCC_PAGE_SIZE,
        timeoutMs: e.CRM_QCC_TIMEOUT_MS,
        cacheTtlSeconds: e.CRM_QCC_CACHE_HOURS * 3600,
        rateLimit: { perSecond: e.CRM_QCC_RATE_PER_SECOND, perMinute: e.CRM_QCC_RATE_PER_MINUTE, maxWaitMs: e.CRM_QCC_RATE_WAIT_MS },
      },
      logRetentionDays: e.CRM_INTEGRATION_LOG_DAYS,
    },
    registry: { refreshCron: e.CRM_REGISTRY_REFRESH_CRON.trim(), refreshBatchSize: e.CRM_REGISTRY_REFRESH_BATCH },
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
