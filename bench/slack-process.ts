/**
 * The fake Slack in a process of its own, so that a burst's sender and the bot do not share an
 * event loop. Prints one JSON line ({ apiUrl }), then answers stdin lines:
 * `burst N CHANNEL THREAD_TS [FIRST]` sends N thread replies (numbered from FIRST) of 200 members as Socket Mode envelopes
 * over about 3 seconds and prints { acked, lost, maxAckMs } once each was acked or waited for
 * 10 s (an envelope still unacked then is lost: its socket went, and Slack would not resend it).
 */
import { createInterface } from 'node:readline';
import { FakeSlack, TEAM_ID } from '../tests/fakes/slack.ts';

const fake = new FakeSlack();
await fake.start();
process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const [word, n = '0', channel = '', thread = '', first = '0'] = line.split(' ');
  if (word !== 'burst') continue;
  const acks: Promise<number | null>[] = [];
  for (let i = Number(first); i < Number(first) + Number(n); i++) {
    const sent = performance.now();
    acks.push(
      fake
        .envelope(
          'events_api',
          {
            type: 'event_callback',
            team_id: TEAM_ID,
            event_id: `EvBurst${i}`,
            event: {
              type: 'message',
              channel,
              user: `U${String(i % 200).padStart(3, '0')}`,
              text: `answer ${i}`,
              ts: `1700000100.${String(i).padStart(6, '0')}`,
              thread_ts: thread,
            },
          },
          10_000,
        )
        .then(
          () => performance.now() - sent,
          () => null,
        ),
    );
    // Ten events every 30 ms: 1,000 in about three seconds.
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 30));
  }
  const times = await Promise.all(acks);
  const acked = times.filter((t): t is number => t !== null);
  process.stdout.write(
    `${JSON.stringify({ acked: acked.length, lost: times.length - acked.length, maxAckMs: Math.max(0, ...acked) })}\n`,
  );
}
await fake.stop();
