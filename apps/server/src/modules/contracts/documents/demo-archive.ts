import type { TContractType } from '@crm/contracts';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Db } from '../../../kernel/db/database.ts';
import { translate } from '../../../kernel/i18n.ts';
import type { ArchiveSettingsService } from './archive-settings.service.ts';
import * as repo from './documents.repository.ts';
import type { DocumentService } from './documents.service.ts';

/** The most recently signed demo contracts keep only their signed original: the archive warning has something to show. */
const LEFT_INCOMPLETE = 3;

const KIND_TITLES: Record<repo.ContractDocumentKind, string> = {
  bid_award_notice: 'Bid-award notice',
  signed_original: 'Signed original',
  technical_agreement: 'Technical agreement',
  commercial_attachment: 'Commercial attachment (product list)',
  acceptance_note: 'Acceptance note',
  other: 'Document',
  contract_text: 'Contract text',
};

/** A one-page stand-in for a scanned document (the standard PDF fonts write Latin text only). */
async function demoPdf(number: string, kind: repo.ContractDocumentKind, signedDate: string | null): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const lines = [`Contract ${number}`, KIND_TITLES[kind], signedDate ? `Signed ${signedDate}` : '', 'Demo document'];
  lines.forEach((text, i) => page.drawText(text, { x: 60, y: 760 - i * 28, size: i === 0 ? 20 : 13, font }));
  return Buffer.from(await doc.save());
}

/**
 * The archive of freshly seeded demo contracts: every signed one holds its signed original (a
 * contract is signed only with one), and all but the most recently signed hold the other documents
 * their type requires, so that the daily archive warning names only those few.
 */
export async function seedDemoArchive(deps: {
  db: Db;
  documents: Pick<DocumentService, 'seedDemoDocuments'>;
  settings: Pick<ArchiveSettingsService, 'requiredKinds'>;
}): Promise<void> {
  const signed = await repo.listSignedWithoutDocuments(deps.db);
  const required = new Map<TContractType, repo.ContractDocumentKind[]>();
  const items = [];
  for (const [i, c] of signed.entries()) {
    if (!c.number) continue;
    if (!required.has(c.type)) required.set(c.type, await deps.settings.requiredKinds(deps.db, c.type));
    const kinds = i < LEFT_INCOMPLETE ? ['signed_original' as const] : required.get(c.type)!;
    for (const kind of new Set<repo.ContractDocumentKind>(['signed_original', ...kinds])) {
      items.push({
        contractId: c.id,
        kind,
        title: translate('zh-CN', `contractDocuments.kind.${kind}`),
        file: { name: `${c.number}-${kind}.pdf`, content: await demoPdf(c.number, kind, c.signedDate) },
      });
    }
  }
  if (items.length > 0) await deps.documents.seedDemoDocuments(items);
}
