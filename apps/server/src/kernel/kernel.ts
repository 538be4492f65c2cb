import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { FileService } from './files/files.service.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { NotificationService } from './notifications/notifications.ts';

/** The platform services every module may use. */
export type Kernel = {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  jobs: Jobs;
  notifications: NotificationService;
  files: FileService;
  logger: FastifyBaseLogger;
};
