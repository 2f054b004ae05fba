import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isPostgresUrl, openStore } from '../db/open.ts';
import { safeUrl } from '../db/url.ts';
import { historyCsv, historyJson, knownChannels, loadHistory } from './export.ts';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * `drill history export --format csv|json [--channel <id>] [--since YYYY-MM-DD] [--out <file>]`:
 * every drop with its question and counted answers, from DATABASE_URL or DATABASE_PATH.
 */
export async function historyExport(
  args: string[],
  io: Io,
  usage: (m: string) => Error,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'csv' },
      channel: { type: 'string' },
      since: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.format !== 'csv' && values.format !== 'json')
    throw usage(`unknown format "${values.format}": use csv or json`);
  let since: number | undefined;
  if (values.since !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.since);
    since = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
    if (Number.isNaN(since) || new Date(since).toISOString().slice(0, 10) !== values.since)
      throw usage(`--since takes a date as YYYY-MM-DD (UTC), not "${values.since}"`);
  }
  const target = process.env.DATABASE_URL || process.env.DATABASE_PATH || 'data/drill.db';
  const store = await openStore(target);
  try {
    // A mistyped channel is an error, not an empty export that looks like no history.
    if (values.channel !== undefined) {
      const known = await knownChannels(store);
      if (!known.includes(values.channel)) {
        const list = known.length > 0 ? `: ${known.join(', ')}` : ' (none yet)';
        io.err(
          `no channel "${values.channel}" in ${isPostgresUrl(target) ? safeUrl(target) : target}; its channels${list}`,
        );
        return 1;
      }
    }
    const drops = await loadHistory(store, {
      ...(values.channel !== undefined ? { channel: values.channel } : {}),
      ...(since !== undefined ? { since } : {}),
    });
    const data = values.format === 'csv' ? historyCsv(drops) : Buffer.from(historyJson(drops));
    if (values.out) {
      writeFileSync(values.out, data);
      const answers = drops.reduce((n, d) => n + d.answers.length, 0);
      io.err(`${drops.length} drop(s), ${answers} answer(s) written to ${values.out}`);
    } else io.out(data.toString('utf8').replace(/\r?\n$/, ''));
    return 0;
  } finally {
    await store.close();
  }
}
