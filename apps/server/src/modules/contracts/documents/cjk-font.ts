// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- fontkit ships no types; the declaration must reach every program that compiles this file (the bench too)
/// <reference path="./fontkit.d.ts" />
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * Fonts with Chinese glyphs that distributions install in fixed places (Debian's fonts-noto-cjk
 * first). A collection (.ttc) needs the face's PostScript name.
 */
const CANDIDATES: readonly { path: string; face: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
];

export type CjkFont = { bytes: Uint8Array; face: string };

let cached: Promise<CjkFont | null> | undefined;

/** The first CJK font found on this machine (read once per process), or null when there is none. */
export function findCjkFont(candidates: readonly { path: string; face: string }[] = CANDIDATES): Promise<CjkFont | null> {
  const load = async () => {
    for (const c of candidates) {
      try {
        const bytes = new Uint8Array(await readFile(c.path));
        fontkit.create(bytes, c.face); // throws when the face is not in the file
        return { bytes, face: c.face };
      } catch {
        // Not there, or not that face: try the next.
      }
    }
    return null;
  };
  if (candidates !== CANDIDATES) return load();
  cached ??= load();
  return cached;
}

/**
 * Embeds the font as a subset. pdf-lib expects fontkit 1's `encodeStream()`; fontkit 2, whose CFF
 * subsets of CID-keyed fonts (Noto CJK) are valid where @pdf-lib/fontkit's are not, has `encode()`.
 */
export async function embedCjkFont(doc: PDFDocument, font: CjkFont) {
  doc.registerFontkit({
    create(bytes: Uint8Array) {
      const face = fontkit.create(bytes, font.face);
      const createSubset = face.createSubset.bind(face);
      return Object.assign(face, {
        createSubset() {
          const subset = createSubset();
          return Object.assign(subset, {
            encodeStream() {
              const stream = new EventEmitter();
              setImmediate(() => {
                try {
                  stream.emit('data', subset.encode());
                  stream.emit('end');
                } catch (err) {
                  stream.emit('error', err);
                }
              });
              return stream;
            },
          });
        },
      });
    },
  } as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  return doc.embedFont(font.bytes, { subset: true });
}
