// Password hashing with scrypt (node:crypto, RFC 7914): a memory-hard KDF, parameters stored with each hash so
// they can be raised later without invalidating existing passwords.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((ok, fail) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? fail(err) : ok(key))));

const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEYLEN = 32;
// N·r·128 bytes = 32 MiB per hash; Node's default maxmem (32 MiB) is just too small.
const MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: MAXMEM });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Why a new password is refused, or null. Length over composition rules (NIST SP 800-63B §5.1.1.2). */
export function passwordProblem(password: string, username: string): { zh: string; en: string } | null {
  if (password.length < 10) return { zh: '密码至少 10 个字符', en: 'the password needs at least 10 characters' };
  if (password.length > 200) return { zh: '密码不能超过 200 个字符', en: 'the password must be at most 200 characters' };
  if (password.toLowerCase().includes(username.toLowerCase())) return { zh: '密码不能包含用户名', en: 'the password must not contain the user name' };
  if (/^(.)\1+$/.test(password)) return { zh: '密码不能由同一字符重复组成', en: 'the password must not repeat one character' };
  return null;
}

/** A random password for a new account, printed once. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
