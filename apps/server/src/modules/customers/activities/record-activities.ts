import {
  Permission,
  ZActivity,
  ZActivityListQuery,
  ZCreateActivity,
  ZIdParams,
  ZPage,
  ZUpdateActivity,
  type TActivity,
  type TActivityListQuery,
  type TCreateActivity,
  type TPage,
  type TUpdateActivity,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { sendStoredFile } from '../../../kernel/files/files.service.ts';
import type { ActivityLink, LinkedActivityService, LinkedActivityTarget } from './linked-activities.service.ts';

/** How the module that owns a record (a lead, an opportunity) lends it to its 跟进记录. */
export type ActivityRecordHost<Row> = {
  /** The record within the actor's data scope, or undefined. */
  find(db: Db, actor: Actor, id: string): Promise<Row | undefined>;
  /** The same, locked for the rest of the transaction. */
  lock(tx: Db, actor: Actor, id: string): Promise<Row | undefined>;
  link(id: string): ActivityLink;
  /** Where the activity goes and who follows it up. */
  target(actor: Actor, row: Row): LinkedActivityTarget;
  /** Refuses a new activity on a record that takes none any more (a converted lead). */
  assertOpen?(row: Row): void;
  /** After an activity was written or changed: the record's own bookkeeping (status, last activity). */
  touch?(tx: Db, row: Row, occurredAt: Date): Promise<void>;
};

/**
 * 跟进记录 of a record another module owns: whoever sees the record reads and adds them; the
 * activities themselves keep every rule of a customer's activities (the linked-activity service).
 */
export function createRecordActivityService<Row>(deps: { db: Db; activities: LinkedActivityService; host: ActivityRecordHost<Row> }) {
  const { db, activities, host } = deps;

  async function visible(actor: Actor, id: string): Promise<Row> {
    const row = await host.find(db, actor, id);
    if (!row) throw new AppError(CommonError.NOT_FOUND);
    return row;
  }

  async function lockVisible(tx: Db, actor: Actor, id: string): Promise<Row> {
    const row = await host.lock(tx, actor, id);
    if (!row) throw new AppError(CommonError.NOT_FOUND);
    return row;
  }

  return {
    async list(actor: Actor, id: string, query: TActivityListQuery): Promise<TPage<TActivity>> {
      await visible(actor, id);
      return activities.list(actor, host.link(id), query);
    },

    async create(actor: Actor, id: string, input: TCreateActivity): Promise<TActivity> {
      await visible(actor, id);
      const attachments = await activities.prepareAttachments(actor, input.attachmentIds ?? []);
      const row = await withTx(db, async (tx) => {
        const record = await lockVisible(tx, actor, id);
        host.assertOpen?.(record);
        const created = await activities.createWithin(tx, actor, host.target(actor, record), input, attachments);
        await host.touch?.(tx, record, created.occurredAt);
        return created;
      });
      return (await activities.present(actor, [row]))[0]!;
    },

    async update(actor: Actor, id: string, activityId: string, input: TUpdateActivity): Promise<TActivity> {
      await visible(actor, id);
      const attachments = await activities.prepareAttachments(actor, input.attachmentIds, host.link(id), activityId);
      const row = await withTx(db, async (tx) => {
        const record = await lockVisible(tx, actor, id);
        const updated = await activities.updateWithin(tx, actor, host.target(actor, record), activityId, input, attachments);
        await host.touch?.(tx, record, updated.occurredAt);
        return updated;
      });
      return (await activities.present(actor, [row]))[0]!;
    },

    async remove(actor: Actor, id: string, activityId: string): Promise<void> {
      await withTx(db, async (tx) => {
        const record = await lockVisible(tx, actor, id);
        await activities.removeWithin(tx, actor, host.target(actor, record), activityId);
      });
    },

    async openAttachment(actor: Actor, id: string, activityId: string, fileId: string) {
      await visible(actor, id);
      return activities.openAttachment(actor, host.link(id), activityId, fileId);
    },
  };
}
export type RecordActivityService = ReturnType<typeof createRecordActivityService>;

const ZActivityParams = z.object({ id: z.uuid(), activityId: z.uuid() });
const ZAttachmentParams = ZActivityParams.extend({ fileId: z.uuid() });

/**
 * The activity routes of a record type under its own path (`/api/v1/leads/{id}/activities`…):
 * reading needs the record's read permission, writing `activity:write`.
 */
export function registerRecordActivityRoutes(
  fastify: FastifyInstance,
  opts: { path: string; tags: string[]; readPermission: string; service: RecordActivityService },
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { path, tags, service } = opts;
  const read = { permission: opts.readPermission };
  const write = { permission: Permission.activityWrite };
  app.get(
    `${path}/:id/activities`,
    { config: read, schema: { tags, params: ZIdParams, querystring: ZActivityListQuery, response: { 200: ZPage(ZActivity) } } },
    (req) => service.list(req.actor, req.params.id, req.query),
  );
  app.post(
    `${path}/:id/activities`,
    { config: write, schema: { tags, params: ZIdParams, body: ZCreateActivity, response: { 201: ZActivity } } },
    async (req, reply) => reply.code(201).send(await service.create(req.actor, req.params.id, req.body)),
  );
  app.patch(
    `${path}/:id/activities/:activityId`,
    { config: write, schema: { tags, params: ZActivityParams, body: ZUpdateActivity, response: { 200: ZActivity } } },
    (req) => service.update(req.actor, req.params.id, req.params.activityId, req.body),
  );
  app.delete(`${path}/:id/activities/:activityId`, { config: write, schema: { tags, params: ZActivityParams } }, async (req, reply) => {
    await service.remove(req.actor, req.params.id, req.params.activityId);
    return reply.code(204).send();
  });
  app.get(
    `${path}/:id/activities/:activityId/attachments/:fileId`,
    { config: read, schema: { tags, params: ZAttachmentParams } },
    async (req, reply) =>
      sendStoredFile(reply, await service.openAttachment(req.actor, req.params.id, req.params.activityId, req.params.fileId)),
  );
}
