/**
 * The fake Discord in a process of its own, so the bot's event loop and the fake's do not share a
 * core's time: a stall in one would bunch up the other's requests and fake a burst. Prints one
 * JSON line ({ apiUrl, ids }), then answers stdin lines: `stats` → { requests, limited }.
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
process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl, ids })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'stats') {
    const requests = fake.requests.filter((r) => r.method === 'POST').length;
    process.stdout.write(`${JSON.stringify({ requests, limited: fake.globalLimited })}\n`);
  }
}
await fake.stop();
