// A throwaway PostgreSQL cluster for the tests and the benchmarks (plain JavaScript, so bench/ can import it; types in
// postgres.d.ts): initdb into a temp dir, on a free loopback port, stopped
// and removed at the end. It uses the server binaries of Debian's `postgresql` package (/usr/lib/postgresql/<n>/bin,
// or PG_BIN). initdb refuses to run as root: as root the cluster runs as the `postgres` system user (or `nobody`),
// the temp dir handed to it. Password authentication on TCP, so that a wrong password can be tested.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_USER = 'ecoplan';
export const PG_PASSWORD = 'ecoplan-test';

/** The directory of initdb and pg_ctl, or an error saying what to install. */
export function postgresBin(root = '/usr/lib/postgresql', fromEnv = process.env.PG_BIN) {
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length)
    throw new Error(
      '未找到 PostgreSQL 服务器程序：PostgreSQL 测试需要 Debian 软件包 postgresql（apt-get install postgresql），或用 PG_BIN 指向含 initdb、pg_ctl 的目录。/ ' +
        'PostgreSQL server binaries not found: the PostgreSQL tests need the Debian package `postgresql` (apt-get install postgresql), or PG_BIN naming a directory with initdb and pg_ctl.',
    );
  return join(root, /** @type {string} */ (versions[0]), 'bin');
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = /** @type {import('node:net').AddressInfo} */ (s.address()).port;
      s.close(() => ok(port));
    });
  });
}

/** As root: the uid/gid of the user the cluster runs as (postgres, else nobody); otherwise null (run as ourselves). */
function clusterUser() {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) {
      const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
      return { name, uid: Number(r.stdout.trim()), gid };
    }
  }
  throw new Error('running as root, but neither the postgres nor the nobody user exists to run initdb as');
}

/** Starts a cluster; resolves once it accepts connections. */
/** @returns {Promise<import('./postgres.d.ts').Cluster>} */
export async function startCluster() {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'ecoplan-pg-'));
  const data = join(dir, 'data');
  const user = clusterUser();
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, PG_PASSWORD + '\n');
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  chmodSync(dir, 0o700);
  /** @param {string} cmd @param {string[]} args */
  const run = (cmd, args) => {
    const [file, argv] = user ? ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    return execFileSync(/** @type {string} */ (file), /** @type {string[]} */ (argv), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  };
  // C collation: text sorts by bytes, as SQLite's default does, so both engines list in the same order.
  run('initdb', ['-D', data, '-U', PG_USER, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  // No durability needed for a throwaway cluster: fsync off keeps the shared machine's disk quiet.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB`;
  try {
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '120', 'start']);
  } catch (e) {
    throw new Error(`PostgreSQL test cluster did not start: ${/** @type {Error} */ (e).message}`);
  }
  const adminUrl = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    port,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let counter = 0;

/** A new empty database on the cluster; returns its URL. */
/** @param {string} adminUrl */
export async function createDatabase(adminUrl, prefix = 't') {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
