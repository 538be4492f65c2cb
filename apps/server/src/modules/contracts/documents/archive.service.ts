import { Readable } from 'node:stream';
import { ARCHIVE_PDF_ORDER, type TContractArchiveStatus, type TContractDocumentKind, type TContractType } from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../../kernel/auth/actor.ts';
import { addDays, businessDate, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { FileService } from '../../../kernel/files/files.service.ts';
import { translate, type Locale } from '../../../kernel/i18n.ts';
import { localizedList, type NotificationService } from '../../../kernel/notifications/notifications.ts';
import type { NotificationRow } from '../../../kernel/notifications/notifications.repository.ts';
import { contractScopeColumns, findContract } from '../contracts.repository.ts';
import { buildArchivePdf, type ArchivePdfEntry, type ArchivePdfLabels } from './archive-pdf.ts';
import type { ArchiveSettingsService } from './archive-settings.service.ts';
import { findCjkFont } from './cjk-font.ts';
import * as repo from './documents.repository.ts';
import { readStoredFile } from './stored-files.ts';

export type ArchiveStatusCore = Pick<TContractArchiveStatus, 'requiredKinds' | 'presentKinds' | 'missingKinds' | 'isComplete'>;

const WARNING_PAGE = 500;
const LABEL_KEYS = [
  'heading',
  'number',
  'title',
  'customer',
  'type',
  'signedDate',
  'generatedAt',
  'colNo',
  'colKind',
  'colTitle',
  'colFile',
  'colVersion',
  'colIncluded',
  'includedPages',
  'notPdf',
  'unreadable',
  'none',
  'footer',
] as const satisfies readonly (keyof ArchivePdfLabels)[];

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const kindLabel = (locale: Locale, kind: string) => translate(locale, `contractDocuments.kind.${kind}`);

/** 档案归档: whether a contract's archive is complete, the merged archive PDF, and the daily warning. */
export function createArchiveService(deps: {
  db: Db;
  clock: Clock;
  files: Pick<FileService, 'open'>;
  notifications: Pick<NotificationService, 'notify' | 'dispatch'>;
  settings: ArchiveSettingsService;
}) {
  const { db, clock } = deps;

  async function core(tx: Db, contractId: string, type: TContractType): Promise<ArchiveStatusCore & { firstAt: Map<string, Date> }> {
    // One after the other: `tx` may be a transaction (one connection, one statement at a time).
    const requiredKinds = await deps.settings.requiredKinds(tx, type);
    const present = await repo.listPresentKinds(tx, contractId);
    const firstAt = new Map(present.map((p) => [p.kind, p.firstAt]));
    const presentKinds = ARCHIVE_PDF_ORDER.filter((k) => firstAt.has(k));
    const missingKinds = requiredKinds.filter((k) => !firstAt.has(k));
    return { requiredKinds, presentKinds, missingKinds, isComplete: missingKinds.length === 0, firstAt };
  }

  return {
    /** What the contracts core asks before signing and for its screens, in its transaction. */
    async statusCore(tx: Db, contractId: string, type: TContractType): Promise<ArchiveStatusCore> {
      const { firstAt: _firstAt, ...status } = await core(tx, contractId, type);
      return status;
    },

    async hasSignedOriginal(tx: Db, contractId: string): Promise<boolean> {
      return repo.hasDocumentOfKind(tx, contractId, 'signed_original');
    },

    async status(tx: Db, c: { id: string; type: TContractType; signedDate: string | null }): Promise<TContractArchiveStatus> {
      const s = await core(tx, c.id, c.type);
      const within = (await deps.settings.settings(tx)).archiveWithinDays;
      // Complete when the last required kind arrived: the latest of the required kinds' first documents.
      const arrivals = s.isComplete ? s.requiredKinds.map((k) => s.firstAt.get(k)!.getTime()) : [];
      const archivedAt = arrivals.length > 0 ? new Date(Math.max(...arrivals)).toISOString() : null;
      const dueDate = c.signedDate ? addDays(c.signedDate, within) : null;
      return {
        requiredKinds: s.requiredKinds,
        presentKinds: s.presentKinds,
        missingKinds: s.missingKinds,
        isComplete: s.isComplete,
        archivedAt,
        dueDate,
        isOverdue: !s.isComplete && dueDate !== null && clock.today() > dueDate,
      };
    },

    /** The merged archive PDF (cover + the current version of every PDF document, in the fixed order); audited as an export. */
    async pdf(actor: Actor, contractId: string, locale: Locale): Promise<{ fileName: string; stream: Readable; pageCount: number }> {
      const c = await findContract(db, contractId, scopeFilter(actor, contractScopeColumns));
      if (!c) throw new AppError(CommonError.NOT_FOUND);
      const documents = await repo.listDocuments(db, contractId);
      const versions = await repo.listVersions(
        db,
        documents.map((d) => d.id),
      );
      const font = await findCjkFont();
      // Without a CJK font the cover is written in English, which the standard PDF font can show.
      const lang: Locale = font ? locale : 'en-US';
      const order = (k: TContractDocumentKind) => ARCHIVE_PDF_ORDER.indexOf(k);
      const sorted = [...documents].sort((a, b) => order(a.kind) - order(b.kind) || a.createdAt.getTime() - b.createdAt.getTime());
      const entries: ArchivePdfEntry[] = [];
      for (const d of sorted) {
        const v = versions.find((x) => x.documentId === d.id && x.versionNo === d.currentVersionNo);
        if (!v) continue;
        const isPdf = v.contentType === 'application/pdf';
        entries.push({
          kindLabel: kindLabel(lang, d.kind),
          title: d.title,
          fileName: v.fileName,
          versionNo: v.versionNo,
          pdf: isPdf ? await readStoredFile(deps.files, v.fileId, 'contract-archive-pdf') : null,
        });
      }
      const labels = Object.fromEntries(LABEL_KEYS.map((k) => [k, translate(lang, `contractDocuments.cover.${k}`)])) as ArchivePdfLabels;
      const number = c.number ?? translate(lang, 'contractDocuments.unnumbered');
      const now = clock.now();
      const result = await buildArchivePdf({
        labels,
        contract: {
          number,
          title: c.title,
          customerName: c.customerName ?? '',
          typeLabel: translate(lang, `contracts.type.${c.type}`),
          signedDate: c.signedDate ?? translate(lang, 'contractDocuments.cover.notSigned'),
        },
        generatedAt: `${businessDate(now, clock.timezone)} ${new Intl.DateTimeFormat('en-GB', { timeZone: clock.timezone, hour: '2-digit', minute: '2-digit' }).format(now)}`,
        entries,
        font,
      });
      await writeAudit(db, actor, {
        action: 'contract.archive.export',
        entityType: 'contract',
        entityId: contractId,
        meta: { documents: entries.length, included: result.included, pages: result.pageCount },
      });
      return {
        fileName: translate(locale, 'contractDocuments.archiveFileName', { number }),
        stream: Readable.from([Buffer.from(result.bytes)]),
        pageCount: result.pageCount,
      };
    },

    /**
     * Daily: every signed or executing contract signed more than N days ago whose archive is not
     * complete warns its owner once a day, naming the missing kinds. Safe to run twice: the day's
     * warning row is written first, and only a contract whose row is new is notified.
     */
    async warnIncomplete(): Promise<{ warned: number }> {
      const system = asSystem('contracts.archive-warning');
      const settings = await deps.settings.settings();
      const today = clock.today();
      const signedBefore = addDays(today, -settings.archiveWithinDays);
      let afterId: string | null = null;
      let warned = 0;
      for (;;) {
        const page = await repo.listArchiveCandidates(db, { signedBefore, afterId, limit: WARNING_PAGE });
        if (page.length === 0) break;
        afterId = page[page.length - 1]!.id;
        const incomplete = page
          .map((c) => ({ c, missing: (settings.requiredKinds[c.type] ?? []).filter((k) => !c.kinds.includes(k)) }))
          .filter((x) => x.missing.length > 0);
        if (incomplete.length > 0) {
          const sent: NotificationRow[] = await withTx(db, async (tx) => {
            const now = clock.now();
            const fresh = await repo.insertArchiveWarnings(
              tx,
              incomplete.map((x) => ({ contractId: x.c.id, warnedOn: today, missingKinds: x.missing, createdAt: now })),
            );
            const rows: NotificationRow[] = [];
            const toWarn = incomplete.filter((x) => fresh.has(x.c.id));
            for (const x of toWarn) {
              rows.push(
                ...(await deps.notifications.notify(tx, {
                  userIds: [x.c.ownerId],
                  kind: 'contracts.archive_warning',
                  params: {
                    number: x.c.number ?? x.c.title,
                    title: x.c.title,
                    customer: x.c.customerName ?? '',
                    days: daysBetween(x.c.signedDate, today),
                    missing: localizedList(x.missing.map((k) => `contractDocuments.kind.${k}`)),
                    missingKinds: x.missing,
                  },
                  link: `/contracts/${x.c.id}`,
                  entityType: 'contract',
                  entityId: x.c.id,
                })),
              );
            }
            await writeAudit(
              tx,
              system,
              toWarn.map((x) => ({
                action: 'contract.archive.warning',
                entityType: 'contract',
                entityId: x.c.id,
                meta: { warnedOn: today, missingKinds: x.missing, ownerId: x.c.ownerId },
              })),
            );
            warned += toWarn.length;
            return rows;
          });
          await deps.notifications.dispatch(sent);
        }
        if (page.length < WARNING_PAGE) break;
      }
      return { warned };
    },
  };
}
export type ArchiveService = ReturnType<typeof createArchiveService>;
