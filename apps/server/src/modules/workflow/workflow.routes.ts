import {
  Permission,
  ZAddApprover,
  ZApprovalAttachmentParams,
  ZApprovalComment,
  ZApprovalDefinition,
  ZApprovalInboxItem,
  ZApprovalInboxQuery,
  ZApprovalInstance,
  ZApprovalTodoCount,
  ZApprovalType,
  ZApprovalTypeParams,
  ZApproveTask,
  ZIdParams,
  ZPage,
  ZPublishApprovalDefinition,
  ZRejectTask,
  ZTransferTask,
  ZWithdrawApproval,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoredFile } from '../../kernel/files/files.service.ts';
import type { ApprovalDefinitions } from './approval-definitions.service.ts';
import type { ApprovalActions } from './approval-actions.service.ts';
import type { ApprovalEngine } from './approval-engine.service.ts';
import type { ApprovalInbox } from './approval-inbox.service.ts';

const ZPeopleQuery = z.object({ q: z.string().max(60).default('') });
const ZPerson = z.object({ id: z.uuid(), displayName: z.string(), departmentName: z.string() });

/** The approvals inbox and actions (every signed-in user has an inbox), and the definition editor (admins). */
export function workflowRoutes(deps: {
  engine: ApprovalEngine;
  actions: ApprovalActions;
  inbox: ApprovalInbox;
  definitions: ApprovalDefinitions;
  searchPeople: (q: string) => Promise<{ id: string; displayName: string; departmentName: string }[]>;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['approvals'];
    const manage = { permission: Permission.approvalDefinitionManage };
    const { engine, actions, inbox, definitions } = deps;
    const detail = { 200: ZApprovalInstance };

    app.get(
      '/api/v1/approvals/tasks',
      { schema: { tags, querystring: ZApprovalInboxQuery, response: { 200: ZPage(ZApprovalInboxItem) } } },
      (req) => inbox.list(req.actor, req.query, req.locale),
    );
    app.get('/api/v1/approvals/tasks/count', { schema: { tags, response: { 200: ZApprovalTodoCount } } }, async (req) => ({
      todo: await inbox.todoCount(req.actor),
    }));
    app.get('/api/v1/approvals/tasks/:id', { schema: { tags, params: ZIdParams, response: detail } }, async (req) =>
      inbox.detail(req.actor, await inbox.taskInstanceId(req.actor, req.params.id), req.locale),
    );
    app.post(
      '/api/v1/approvals/tasks/:id/approve',
      { schema: { tags, params: ZIdParams, body: ZApproveTask, response: detail } },
      async (req) => inbox.detail(req.actor, await engine.approve(req.actor, req.params.id, req.body), req.locale),
    );
    app.post(
      '/api/v1/approvals/tasks/:id/reject',
      { schema: { tags, params: ZIdParams, body: ZRejectTask, response: detail } },
      async (req) => inbox.detail(req.actor, await engine.reject(req.actor, req.params.id, req.body), req.locale),
    );
    app.post(
      '/api/v1/approvals/tasks/:id/transfer',
      { schema: { tags, params: ZIdParams, body: ZTransferTask, response: detail } },
      async (req) => inbox.detail(req.actor, await actions.transfer(req.actor, req.params.id, req.body), req.locale),
    );
    app.post(
      '/api/v1/approvals/tasks/:id/add-approver',
      { schema: { tags, params: ZIdParams, body: ZAddApprover, response: detail } },
      async (req) => inbox.detail(req.actor, await actions.addApprover(req.actor, req.params.id, req.body), req.locale),
    );
    app.get('/api/v1/approvals/instances/:id', { schema: { tags, params: ZIdParams, response: detail } }, (req) =>
      inbox.detail(req.actor, req.params.id, req.locale),
    );
    app.post(
      '/api/v1/approvals/instances/:id/comments',
      { schema: { tags, params: ZIdParams, body: ZApprovalComment, response: detail } },
      async (req) =>
        inbox.detail(req.actor, await actions.comment(req.actor, req.params.id, req.body, inbox.canMonitor(req.actor)), req.locale),
    );
    app.post(
      '/api/v1/approvals/instances/:id/withdraw',
      { schema: { tags, params: ZIdParams, body: ZWithdrawApproval, response: detail } },
      async (req) => inbox.detail(req.actor, await actions.withdraw(req.actor, req.params.id, req.body.comment ?? null), req.locale),
    );
    app.get(
      '/api/v1/approvals/instances/:id/attachments/:fileId',
      { schema: { tags, params: ZApprovalAttachmentParams } },
      async (req, reply) => sendStoredFile(reply, await inbox.openAttachment(req.actor, req.params.id, req.params.fileId)),
    );
    app.get('/api/v1/approvals/people', { schema: { tags, querystring: ZPeopleQuery, response: { 200: z.array(ZPerson) } } }, (req) =>
      deps.searchPeople(req.query.q),
    );

    app.get('/api/v1/approvals/definitions', { config: manage, schema: { tags, response: { 200: z.array(ZApprovalType) } } }, (req) =>
      definitions.listTypes(req.locale),
    );
    app.get(
      '/api/v1/approvals/definitions/:key',
      { config: manage, schema: { tags, params: ZApprovalTypeParams, response: { 200: ZApprovalDefinition } } },
      (req) => definitions.get(req.actor, req.params.key, req.locale),
    );
    app.post(
      '/api/v1/approvals/definitions/:key/versions',
      {
        config: manage,
        schema: { tags, params: ZApprovalTypeParams, body: ZPublishApprovalDefinition, response: { 201: ZApprovalDefinition } },
      },
      async (req, reply) => reply.code(201).send(await definitions.publish(req.actor, req.params.key, req.body, req.locale)),
    );
  };
}
