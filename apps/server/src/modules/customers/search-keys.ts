import { pinyin } from 'pinyin-pro';

/** Pinyin initials for search by abbreviation: 国网江苏省电力 → "gwjssdl"; Latin letters and digits kept. */
export function pinyinInitials(text: string): string {
  return pinyin(text.replace(/[^\u3400-\u9fffA-Za-z0-9]/g, ''), { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase();
}
