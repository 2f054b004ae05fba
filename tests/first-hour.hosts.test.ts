import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsolePort, runConsole } from '../src/chat/console/console.ts';
import { waitFor } from './fakes/wait.ts';
import {
  newStoreTarget,
  npmStart,
  openTestStore,
  practiceWorld,
  ROOT,
  tempDir,
} from './helpers.ts';

/** Issue 29: what a host meets setting Drill up. */
describe('installing', () => {
  it('npm has no install script left unreviewed (esbuild works without its own)', () => {
    const r = spawnSync('npm', ['install-scripts', 'ls'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(`${r.stdout}${r.stderr}`).toContain('No packages with unreviewed install scripts.');
  });

  it('asks for the Node.js that reads .env (20.12), as the README says', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.engines.node).toBe('>=20.12');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 20.12 or newer');
  });
});

describe('a database outage, as a member and as a host sees it', () => {
  it('PostgreSQL gone mid-session: a line is “not saved, try again”, not a bug', async () => {
    const world = await practiceWorld(undefined, { store: 'postgres', locale: 'en' });
    // The store reaches PostgreSQL through a local relay the test can cut, as a stopped server.
    const sockets = new Set<Socket>();
    const target = new URL(world.target);
    const relay = createServer((client) => {
      const server = connect(Number(target.port), target.hostname);
      for (const s of [client, server]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const via = new URL(world.target);
    via.port = String((relay.address() as AddressInfo).port);
    world.deps.store = await openTestStore(via.toString());
    const input = new PassThrough();
    let out = '';
    const sink = { write: (text: string) => (out += text) };
    world.deps.ports.console = new ConsolePort(sink);
    const running = runConsole(world.deps, { input, out: sink, member: 'me' });
    input.write('/ask\n');
    await waitFor(() => out.includes('Type your answer') || undefined, 10_000, 'the drop');
    await new Promise<void>((resolve) => {
      relay.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
    input.write('my answer\n');
    await waitFor(
      () => (/Not saved|went wrong/.test(out) ? true : undefined),
      20_000,
      'the refusal',
    );
    input.end();
    await running;
    expect(out).toContain('Not saved: the bot could not reach its database');
    expect(out).not.toContain('went wrong');
  });
});

describe('a PostgreSQL that refuses at start-up', () => {
  it('a wrong password and a closed port each say what to check, and stop with 2', async () => {
    const url = new URL(await newStoreTarget('postgres', tempDir()));
    url.password = 'not-the-password';
    const wrong = await npmStart('', { DATABASE_URL: url.toString(), DEFAULT_LOCALE: 'ko' });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('PostgreSQL이 사용자 이름이나 비밀번호를 거부했습니다');
    expect(wrong.err).toContain('DATABASE_URL 값의 사용자 이름과 비밀번호를 확인하세요');
    expect(wrong.err).not.toMatch(/폴더|not-the-password/);
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    url.port = String(closed);
    const gone = await npmStart('', { DATABASE_URL: url.toString(), DEFAULT_LOCALE: 'en' });
    expect(gone.code).toBe(2);
    expect(gone.err).toContain('PostgreSQL cannot be reached');
    expect(gone.err).toContain('Check that the server is running');
  }, 60_000);
});

describe('deployment without tokens or a terminal', () => {
  it('says what is missing and stops with 2, instead of a console that ends at once', async () => {
    const dir = tempDir();
    const r = await new Promise<{ code: number | null; err: string }>((resolve, reject) => {
      const child = spawn('npm', ['start', '--silent'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DRILL_ENV_FILE: '',
          DATABASE_PATH: join(dir, 'drill.db'),
          DEFAULT_LOCALE: 'en',
        },
        stdio: ['ignore', 'pipe', 'pipe'], // stdin is /dev/null, as in a container
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('drill: no platform token is set');
    expect(r.err).toContain('there is no terminal for the console channel');
  }, 60_000);

  it('compose publishes the port it sets for Slack’s HTTP mode', () => {
    const compose = readFileSync(join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
    const first = /^ {2}drill-0:\n((?: {4}.*\n)+)/m.exec(compose)?.[1] ?? '';
    expect(first).toContain('PORT: "3000"');
    expect(first).toMatch(/ports:\n\s+- "3000:3000"/);
  });
});

describe('the README, for the people who read it', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

  it('goes from what Drill is to all commands, and leaves the internals to DESIGN.md', () => {
    const order = [
      'Two commands',
      'Five lines in the console',
      'Your notes are the bank',
      'Language',
      'Discord',
      'Slack',
      'Schedules',
      'The web dashboard',
      'PostgreSQL and several processes',
      'All commands',
    ];
    expect(sections.filter((s) => order.includes(s as string))).toEqual(order);
    expect(readme).not.toContain('| `parse_seed_ms` |'); // the bench table is in DESIGN.md
    expect(readme).toContain('](DESIGN.md#speed-and-faults)');
    expect(readFileSync(join(ROOT, 'DESIGN.md'), 'utf8')).toContain('| `parse_seed_ms` |');
  });

  it('lists every command in its table', () => {
    const table = readme.slice(readme.indexOf('## All commands'), readme.indexOf('## Channel'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `/'));
    for (const name of ['suggest', 'suggestions', 'approve', 'reject', 'export', 'review', 'mock'])
      expect(rows.some((r) => r.includes(`\`/${name}`))).toBe(true);
    expect(table).toContain('/review [next\\|all\\|show\\|remind] [on\\|off]');
  });
});
