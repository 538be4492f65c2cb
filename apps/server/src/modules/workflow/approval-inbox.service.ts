import { Permission, type TApprovalInboxItem, type TApprovalInboxQuery, type TApprovalInstance, type TPage } from '@crm/contracts';
import { z } from 'zod';
import { writeAudit, writeListAudit } from '../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { FileService } from '../../kernel/files/files.service.ts';
import { decodeCursor, iso, toPage } from '../../kernel/http/pagination.ts';
import { translate, type Locale } from '../../kernel/i18n.ts';
import type { ApprovalTypeRegistry } from './approval-types.ts';
import * as repo from './workflow.repository.ts';

const ZCursor = z.tuple([z.iso.datetime(), z.uuid()]);

type Summaries = (ids: readonly (string | null)[]) => Promise<Map<string, { displayName: string }>>;

/** What people read: their inbox boxes, the count of to-dos, an instance with its steps and history. */
export function createApprovalInbox(deps: {
  db: Db;
  registry: ApprovalTypeRegistry;
  summaries: Summaries;
  files: Pick<FileService, 'open'>;
}) {
  const { db, registry } = deps;
  const canMonitor = (actor: Actor) => hasPermission(actor, Permission.approvalMonitor);
  const labelOf = (key: string, locale: Locale) => registry.get(key)?.label[locale] ?? key;

  async function visibleInstance(actor: Actor, id: string) {
    const inst = await repo.findInstanceFor(db, id, canMonitor(actor) ? undefined : repo.involvementOf(actor.userId ?? ''));
    if (!inst) throw new AppError(CommonError.NOT_FOUND);
    return inst;
  }

  function factText(value: unknown, type: string | undefined, names: Map<string, { displayName: string }>, locale: Locale): string {
    if (value === null || value === undefined) return '—';
    if (type === 'boolean') return translate(locale, value ? 'approval.fact.yes' : 'approval.fact.no');
    if (type === 'user' && typeof value === 'string') return names.get(value)?.displayName ?? value;
    return String(value);
  }

  return {
    canMonitor,

    async list(actor: Actor, query: TApprovalInboxQuery & { limit: number }, locale: Locale): Promise<TPage<TApprovalInboxItem>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const at = after ? { at: new Date(after[0]), id: after[1] } : undefined;
      const userId = actor.userId ?? '';
      const box = query.box ?? 'todo';
      const fetch = { todo: repo.listTodo, done: repo.listDone, cc: repo.listCc, started: repo.listStarted }[box];
      const rows = await fetch(db, userId, query.limit + 1, at);
      const versions = new Map<string, Awaited<ReturnType<typeof repo.findDefinitionVersionById>>>();
      for (const id of new Set(rows.map((r) => r.instance.definitionVersionId)))
        versions.set(id, await repo.findDefinitionVersionById(db, id));
      const names = await deps.summaries(rows.map((r) => r.instance.initiatorId));
      await writeListAudit(db, actor, { action: 'approval.list', entityType: 'approval_instance' }, { box });
      return toPage(
        rows,
        query.limit,
        (r) =>
          box === 'started'
            ? [r.instance.createdAt.toISOString(), r.instance.id]
            : box === 'done'
              ? [r.task!.decidedAt!.toISOString(), r.task!.id]
              : [r.task!.createdAt.toISOString(), r.task!.id],
        (r) => {
          const steps = versions.get(r.instance.definitionVersionId)?.steps ?? [];
          const stepIndex = r.task && r.task.kind === 'approve' ? r.task.stepIndex : r.instance.currentStep;
          return {
            taskId: r.task?.id ?? null,
            taskStatus: r.task?.status ?? null,
            instanceId: r.instance.id,
            typeKey: r.instance.typeKey,
            typeLabel: labelOf(r.instance.typeKey, locale),
            title: r.instance.title,
            initiatorName: names.get(r.instance.initiatorId)?.displayName ?? '',
            status: r.instance.status,
            stepName: stepIndex !== null && stepIndex >= 0 ? (steps[stepIndex]?.name ?? null) : null,
            link: r.instance.link,
            createdAt: iso(r.task?.createdAt ?? r.instance.createdAt),
            dueAt: iso(r.task?.dueAt ?? null),
            decidedAt: iso(r.task?.decidedAt ?? r.instance.finishedAt),
          };
        },
      );
    },

    async todoCount(actor: Actor): Promise<number> {
      return repo.countTodo(db, actor.userId ?? '');
    },

    /** An instance the actor takes part in (or monitors), with steps, tasks and history; 404 otherwise. */
    async detail(actor: Actor, id: string, locale: Locale): Promise<TApprovalInstance> {
      const inst = await visibleInstance(actor, id);
      const [version, tasks, actions] = await Promise.all([
        repo.findDefinitionVersionById(db, inst.definitionVersionId),
        repo.listInstanceTasks(db, inst.id),
        repo.listActions(db, inst.id),
      ]);
      const type = registry.get(inst.typeKey);
      const userFacts = (type?.fields ?? []).filter((f) => f.type === 'user').map((f) => inst.facts[f.key]);
      const names = await deps.summaries([
        inst.initiatorId,
        ...tasks.map((t) => t.assigneeId),
        ...actions.map((a) => a.targetUserId),
        ...userFacts.map((v) => (typeof v === 'string' ? v : null)),
      ]);
      const name = (uid: string | null) => (uid ? (names.get(uid)?.displayName ?? '') : null);
      const myTask = tasks.find((t) => t.assigneeId === actor.userId && t.kind === 'approve' && t.status === 'pending');
      if (tasks.some((t) => t.assigneeId === actor.userId && t.status === 'unread')) await repo.markCopiesRead(db, inst.id, actor.userId!);
      await writeAudit(db, actor, { action: 'approval.read', entityType: 'approval_instance', entityId: inst.id });
      const steps = version?.steps ?? [];
      return {
        id: inst.id,
        typeKey: inst.typeKey,
        typeLabel: labelOf(inst.typeKey, locale),
        definitionVersionNo: version?.versionNo ?? 0,
        recordId: inst.recordId,
        title: inst.title,
        link: inst.link,
        initiatorId: inst.initiatorId,
        initiatorName: name(inst.initiatorId) ?? '',
        status: inst.status,
        currentStep: inst.currentStep,
        facts: (type?.fields ?? []).map((f) => ({
          key: f.key,
          label: f.label[locale],
          value: factText(inst.facts[f.key], f.type, names, locale),
        })),
        createdAt: iso(inst.createdAt),
        finishedAt: iso(inst.finishedAt),
        version: inst.version,
        steps: steps.map((s, index) => ({
          index,
          key: s.key,
          name: s.name,
          mode: s.mode,
          state: inst.stepStates[index] ?? 'waiting',
          tasks: tasks
            .filter((t) => t.stepIndex === index)
            .map((t) => ({
              id: t.id,
              stepIndex: t.stepIndex,
              kind: t.kind,
              assigneeId: t.assigneeId,
              assigneeName: name(t.assigneeId) ?? '',
              status: t.status,
              origin: t.origin,
              comment: t.comment,
              createdAt: iso(t.createdAt),
              dueAt: iso(t.dueAt),
              decidedAt: iso(t.decidedAt),
              version: t.version,
            })),
        })),
        history: actions.map((a) => ({
          id: a.id,
          kind: a.kind as TApprovalInstance['history'][number]['kind'],
          stepIndex: a.stepIndex,
          actorName: a.actorName,
          targetName: name(a.targetUserId),
          comment: a.comment,
          attachments: a.attachments,
          createdAt: iso(a.createdAt),
        })),
        myTaskId: myTask?.id ?? null,
        can: {
          act: inst.status === 'running' && !!myTask,
          withdraw: inst.status === 'running' && inst.initiatorId === actor.userId,
          comment: true,
        },
      };
    },

    /** The actor's own task, as its instance; someone else's task answers 404. */
    async taskInstanceId(actor: Actor, taskId: string): Promise<string> {
      const task = await repo.findTask(db, taskId);
      if (!task || task.assigneeId !== actor.userId) throw new AppError(CommonError.NOT_FOUND);
      return task.instanceId;
    },

    /** A file attached to a comment: whoever may read the instance may read it. */
    async openAttachment(actor: Actor, instanceId: string, fileId: string) {
      const inst = await visibleInstance(actor, instanceId);
      const actions = await repo.listActions(db, inst.id);
      if (!actions.some((a) => a.attachments.some((f) => f.id === fileId))) throw new AppError(CommonError.NOT_FOUND);
      await writeAudit(db, actor, {
        action: 'approval.attachment.download',
        entityType: 'approval_instance',
        entityId: inst.id,
        meta: { fileId },
      });
      return deps.files.open(asSystem('approval-attachment'), fileId);
    },
  };
}
export type ApprovalInbox = ReturnType<typeof createApprovalInbox>;
