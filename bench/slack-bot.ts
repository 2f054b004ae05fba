/**
 * The Socket Mode burst's bot in a process of its own (bench/slack.ts starts it with `npm start`'s
 * node options): `node … bench/slack-bot.ts DIR` runs the burst and prints its figures as one
 * JSON line.
 */
import { socketBurst } from './slack.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: slack-bot.ts DIR');
process.stdout.write(`${JSON.stringify(await socketBurst(dir))}\n`);
