// Sign-in throttling. Failures are counted per account name *and* client address, and per
// address, never per account alone: an attacker's wrong passwords slow down the attacker's own address, not the
// account's owner signing in from elsewhere (an account lock let anyone lock the administrator out, forever).
// Past a few free failures each further attempt waits twice as long as the one before, up to 15 minutes. The name
// is counted as typed, whether or not such an account exists, so the throttle itself tells nothing about accounts.
// Kept in the database, so it holds across server instances and restarts.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export const THROTTLE = {
  /** Failures of one name from one address before any wait. */
  freePerAccount: 3,
  /** Failures from one address, whatever the names, before any wait. */
  freePerAddress: 10,
  /** The first wait; each further failure doubles it. */
  firstWaitSeconds: 2,
  maxWaitSeconds: 15 * 60,
  /** A key without failures for this long starts afresh. */
  forgetAfterMs: 24 * 3600_000,
};

/** Seconds to wait after `failures` failures when `free` are allowed without waiting. */
export function waitAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.maxWaitSeconds, THROTTLE.firstWaitSeconds * 2 ** (failures - free));
}

const keysOf = (ip: string, username: string) => ({ account: `acct:${ip}:${username}`, address: `ip:${ip}` });

/** Seconds until an attempt of `username` from `ip` may be checked (0: now). */
export async function throttleWait(db: Kysely<Database>, ip: string, username: string, now = Date.now()): Promise<number> {
  const { account, address } = keysOf(ip, username);
  const rows = await db.selectFrom('login_throttle').select(['next_at', 'updated_at']).where('key', 'in', [account, address]).execute();
  let wait = 0;
  for (const r of rows) {
    if (now - Date.parse(r.updated_at) > THROTTLE.forgetAfterMs) continue;
    wait = Math.max(wait, Math.ceil((Date.parse(r.next_at) - now) / 1000));
  }
  return wait;
}

/** Counts a failed sign-in on both keys; returns the wait it imposes on the next attempt (seconds). */
export async function recordLoginFailure(db: Kysely<Database>, ip: string, username: string, now = Date.now()): Promise<number> {
  const { account, address } = keysOf(ip, username);
  return db.transaction().execute(async (trx) => {
    let wait = 0;
    for (const [key, free] of [[account, THROTTLE.freePerAccount], [address, THROTTLE.freePerAddress]] as const) {
      const row = await trx.selectFrom('login_throttle').select(['failures', 'updated_at']).where('key', '=', key).executeTakeFirst();
      const failures = (row && now - Date.parse(row.updated_at) <= THROTTLE.forgetAfterMs ? row.failures : 0) + 1;
      const seconds = waitAfter(failures, free);
      wait = Math.max(wait, seconds);
      const values = { failures, next_at: new Date(now + seconds * 1000).toISOString(), updated_at: new Date(now).toISOString() };
      await trx.insertInto('login_throttle').values({ key, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
    }
    // Old keys are of no use: drop them as we go, so the table stays small.
    await trx.deleteFrom('login_throttle').where('updated_at', '<', new Date(now - THROTTLE.forgetAfterMs).toISOString()).execute();
    return wait;
  });
}

/** A successful sign-in clears the count of that name from that address (not the address's own count). */
export async function clearLoginFailures(db: Kysely<Database>, ip: string, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', keysOf(ip, username).account).execute();
}
