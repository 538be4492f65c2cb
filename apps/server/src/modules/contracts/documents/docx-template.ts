import { CONTRACT_TEMPLATE_FIELDS, CONTRACT_TEMPLATE_PLACEHOLDERS } from '@crm/contracts';
import Docxtemplater from 'docxtemplater';
import createInspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';

export type TemplateInspection = { placeholders: string[]; unknownPlaceholders: string[] };

/** A template that docxtemplater cannot read, with its explanations (one per bad tag). */
export class TemplateProblem extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'TemplateProblem';
  }
}

type DocxError = { message?: string; properties?: { explanation?: string; errors?: DocxError[] } };

function problemsOf(err: unknown): string[] {
  const e = err as DocxError;
  const nested = e.properties?.errors;
  if (nested && nested.length > 0) return nested.map((n) => n.properties?.explanation ?? n.message ?? 'error');
  return [e.properties?.explanation ?? e.message ?? String(err)];
}

/** The part of docxtemplater's inspect module used here (its CommonJS export is a factory). */
type Inspector = { getAllTags(): Record<string, unknown> };
const newInspector = () => (createInspectModule as unknown as () => Inspector)();

function open(content: Buffer, modules: Inspector[] = []): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(content);
  } catch (err) {
    throw new TemplateProblem([`not a docx file (${(err as Error).message})`]);
  }
  if (!zip.file('word/document.xml')) throw new TemplateProblem(['not a Word document (word/document.xml is missing)']);
  try {
    return new Docxtemplater(zip, {
      modules: modules as unknown as Docxtemplater.DXT.Module[],
      paragraphLoop: true,
      linebreaks: true,
      // Problems are reported to the uploader, not written to the server's console.
      errorLogging: false,
      // A field without a value renders empty instead of "undefined".
      nullGetter: () => '',
    });
  } catch (err) {
    throw new TemplateProblem(problemsOf(err));
  }
}

const known = new Set(CONTRACT_TEMPLATE_PLACEHOLDERS);
const rootFields = new Set<string>(CONTRACT_TEMPLATE_FIELDS);

/**
 * The placeholders that no contract field fills. Inside a section docxtemplater also looks a name
 * up in the enclosing scopes, so `{#x}{number}{/x}` (reported as `x.number`) is filled.
 */
export function unknownPlaceholders(placeholders: readonly string[]): string[] {
  return placeholders.filter((p) => !known.has(p) && !(p.includes('.') && rootFields.has(p.split('.').pop()!)));
}

/** Placeholders as dotted paths: `number`, `lines`, `lines.qty`. */
function flatten(tags: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, children] of Object.entries(tags)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    if (children && typeof children === 'object') out.push(...flatten(children as Record<string, unknown>, path));
  }
  return out;
}

/**
 * Checks a .docx template: docxtemplater must parse it, and every placeholder is listed with
 * those that no contract field fills. Throws `TemplateProblem` for a file it cannot use.
 */
export function inspectTemplate(content: Buffer): TemplateInspection {
  const inspect = newInspector();
  open(content, [inspect]);
  const placeholders = [...new Set(flatten(inspect.getAllTags()))].sort();
  return { placeholders, unknownPlaceholders: unknownPlaceholders(placeholders) };
}

/** Renders the template with the data; the result is a .docx. */
export function renderTemplate(content: Buffer, data: Record<string, unknown>): Buffer {
  const doc = open(content);
  try {
    doc.render(data);
  } catch (err) {
    throw new TemplateProblem(problemsOf(err));
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The visible text of a .docx, paragraph by paragraph (for checks and previews). */
export function docxText(content: Buffer): string {
  const xml = new PizZip(content).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
