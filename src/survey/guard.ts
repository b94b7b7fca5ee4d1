// Abuse resistance without personal data: a signed one-time token per browser, a light proof-of-work bound to it,
// and a keyed hash that recognises the same answers sent again from one address without keeping the address.
// docs/survey.md explains each and what they do not stop.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Leading zero bits the proof-of-work asks for by default: about 65,000 SHA-256 hashes, well under a second on a phone. */
export const DEFAULT_POW_BITS = 16;
/** How long a token stays valid after the page was served (s). */
export const TOKEN_MAX_AGE_S = 24 * 3600;

const mac = (secret: string, text: string) => createHmac('sha256', Buffer.from(secret, 'hex')).update(text).digest('base64url').slice(0, 32);

/** A new token for a survey: "<random id>.<issued, unix s>.<HMAC>" (the id is what makes it one-time). */
export function issueToken(secret: string, surveyId: string, now = new Date()): string {
  const id = randomBytes(12).toString('base64url');
  const at = Math.floor(now.getTime() / 1000);
  return `${id}.${at}.${mac(secret, `${surveyId}.${id}.${at}`)}`;
}

export type TokenCheck = { ok: true; tokenId: string } | { ok: false; code: 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED'; message: string; messageEn: string };

export function verifyToken(secret: string, surveyId: string, token: unknown, now = new Date(), maxAgeS = TOKEN_MAX_AGE_S): TokenCheck {
  if (typeof token !== 'string' || token === '') return { ok: false, code: 'TOKEN_MISSING', message: '缺少问卷令牌：请从问卷页面提交（页面会为本浏览器签发一次性令牌）', messageEn: 'no survey token: submit from the questionnaire page (it issues this browser a one-time token)' };
  const parts = token.split('.');
  const bad = { ok: false as const, code: 'TOKEN_INVALID' as const, message: '问卷令牌无效：请重新打开问卷页面', messageEn: 'invalid survey token: open the questionnaire page again' };
  if (parts.length !== 3 || !/^\d{1,12}$/.test(parts[1]!)) return bad;
  const [id, at, sig] = parts as [string, string, string];
  const want = Buffer.from(mac(secret, `${surveyId}.${id}.${at}`));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return bad;
  const age = now.getTime() / 1000 - Number(at);
  if (age > maxAgeS || age < -300) return { ok: false, code: 'TOKEN_EXPIRED', message: '问卷页面已打开超过 24 小时，令牌已过期：请刷新页面后重新提交', messageEn: 'the page was opened more than 24 hours ago and its token has expired: reload it and submit again' };
  return { ok: true, tokenId: id };
}

/** Leading zero bits of a digest. */
function zeroBits(d: Buffer): number {
  let n = 0;
  for (const byte of d) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/** Whether SHA-256("<token>:<nonce>") starts with `bits` zero bits (the browser's work, checked with one hash). */
export function powValid(token: string, nonce: unknown, bits: number): boolean {
  if (typeof nonce !== 'string' || !/^\d{1,12}$/.test(nonce)) return false;
  return zeroBits(createHash('sha256').update(`${token}:${nonce}`).digest()) >= bits;
}

/** The smallest nonce that satisfies powValid (what public/survey.js does in the browser; tests and the bench use it). */
export function solvePow(token: string, bits: number): string {
  for (let n = 0; ; n++) if (powValid(token, String(n), bits)) return String(n);
}

/** A keyed hash of an address and a response: equal for the same answers from the same address, and not reversible
 *  to the address without the survey's secret (the address itself is never stored). */
export function duplicateKey(secret: string, address: string, canonical: string): string {
  return createHmac('sha256', Buffer.from(secret, 'hex')).update(`${address}\n${canonical}`).digest('base64url').slice(0, 32);
}
