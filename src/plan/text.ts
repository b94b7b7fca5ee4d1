// Characters a text field may hold. Anything entered ends up in XML (the Word report's document.xml, the .xlsx
// exports) and in HTML, and XML 1.0 (§2.2, production [2] Char) allows only #x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF]: one NUL, BEL, U+FFFE or lone surrogate makes a document unreadable.
// Input refuses them (one validator for JSON bodies, workbook cells and CSV fields); writers strip them as well.

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');
/** Unicode bidirectional controls (embeddings, overrides, isolates, marks): in a file name they disguise its type. */
const BIDI_ALL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The first character XML 1.0 forbids, as "U+FFFE" and its position (0-based, in UTF-16 units); null if none. */
export function forbiddenChar(text: string): { index: number; codePoint: string } | null {
  const m = FORBIDDEN.exec(text);
  if (!m) return null;
  return { index: m.index, codePoint: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}

/** The bilingual refusal of a text with a forbidden character, naming the field. */
export function forbiddenCharMessage(field: string, fieldEn: string, hit: { index: number; codePoint: string }): { message: string; messageEn: string } {
  return {
    message: `${field}含有不允许的控制字符 ${hit.codePoint}（第 ${hit.index + 1} 个字符；常由复制粘贴带入），请删除后重新提交`,
    messageEn: `${fieldEn} holds the control character ${hit.codePoint} (character ${hit.index + 1}; often pasted in by accident), which is not allowed; remove it`,
  };
}

/** The text without the characters XML 1.0 forbids (for writers: the last line of defence). */
export function stripForbidden(text: string): string {
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN_ALL, '') : text;
}

/** An uploaded file's name as kept: without forbidden characters or bidi controls ("报告\u202Excod.exe" shows as "报告exe.docx"). */
export function safeFileName(name: string): string {
  const cleaned = stripForbidden(name).replace(BIDI_ALL, '').trim();
  return cleaned || 'file';
}
