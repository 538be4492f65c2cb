import { z } from 'zod';
import { defineJob } from '../../../kernel/jobs/jobs.ts';
import type { ArchiveService } from './archive.service.ts';

/** Every morning: owners of signed contracts whose archive is still incomplete after N days are warned. Safe to run twice. */
export function contractDocumentJobs(deps: { archive: Pick<ArchiveService, 'warnIncomplete'> }) {
  const archiveWarning = defineJob({
    name: 'contracts.archive-warning',
    payload: z.object({}),
    cron: '30 8 * * *',
    expireInMinutes: 30,
    handler: async () => {
      await deps.archive.warnIncomplete();
    },
  });
  return { archiveWarning, all: [archiveWarning] };
}
