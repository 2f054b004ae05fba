/**
 * The fake Discord in a process of its own, so the bot's event loop and the fake's do not share a
 * core's time: a stall in one would bunch up the other's requests and fake a burst. Prints one
 * JSON line ({ apiUrl, ids }), then answers stdin lines: `stats` → { requests, limited };
 * `trouble HUNG LIMITED` makes one channel's posts hang and tells another to wait 30 s;
 * `others HUNG LIMITED` → { ms }: once every other channel's drop has its thread, how long
 * since the last `mark`.
 * argv: channel count, latency ms, global requests per second (0: none).
 */
import { createInterface } from 'node:readline';
import { FakeDiscord } from '../tests/fakes/discord.ts';

const [count = '1', latency = '0', perSecond = '0'] = process.argv.slice(2);
const fake = new FakeDiscord();
const ids = Array.from({ length: Number(count) }, () => fake.addChannel());
await fake.start();
fake.latencyMs = Number(latency);
fake.globalPerSecond = Number(perSecond);
// Discord sends the bot its own posts back; the bot's CPU per drop includes reading them.
fake.echoOwnPosts = true;
process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl, ids })}\n`);
let marked = performance.now();
for await (const line of createInterface({ input: process.stdin })) {
  const [word, hung = '', limited = ''] = line.split(' ');
  if (word === 'mark') marked = performance.now();
  if (word === 'trouble') {
    fake.hang('POST', new RegExp(`^/channels/${hung}/messages$`));
    fake.rateLimitNextPost(limited, 30);
  }
  if (word === 'others') {
    const others = new Set(ids.filter((id) => id !== hung && id !== limited));
    await fake.waitFor(() => {
      const threaded = new Set(
        fake.requests
          .filter(
            (r) => r.method === 'POST' && /^\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path),
          )
          .map((r) => r.path.split('/')[2]),
      );
      return [...others].every((id) => threaded.has(id));
    }, 300_000);
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - marked })}\n`);
  }
  if (word === 'stats') {
    const requests = fake.requests.filter((r) => r.method === 'POST').length;
    process.stdout.write(`${JSON.stringify({ requests, limited: fake.globalLimited })}\n`);
  }
}
await fake.stop();
