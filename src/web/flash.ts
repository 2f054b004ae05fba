import { z } from 'zod';
import type { Block } from '../core/message.ts';
import { datum } from '../core/reply/line.ts';
import { clipText } from '../core/split.ts';
import { sign, unsign } from '../core/web-sessions.ts';

/**
 * What a manage form's answer carries to the page its POST redirects to (POST → 303 → GET), shown
 * once: the command's reply and what was typed into that form, so a refused value can be fixed.
 * It travels in a short-lived cookie, signed and bound to the session and the channel, so no
 * other page, person or site can put words on it.
 */
const datumShape = z.union([
  z.string(),
  z.object({ url: z.string() }),
  z.object({ mention: z.string() }),
]);
const blockShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fill'), text: z.string(), data: z.record(z.string(), datumShape) }),
  z.object({
    kind: z.literal('notes'),
    text: z.string(),
    format: z.enum(['text', 'markdown']),
    fit: z.enum(['clip', 'first', 'split']).optional(),
  }),
  z.object({
    kind: z.literal('links'),
    links: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
    fit: z.literal('split').optional(),
  }),
]);

const flashShape = z.object({
  /** The form that was sent (`schedule`, `settings`, …). */
  form: z.string(),
  /** The command's reply, as the commands write it (the page renders it for the web). */
  blocks: z.array(blockShape),
  /** The text fields of that form as they were sent. */
  values: z.record(z.string(), z.string()),
});
export type Flash = z.infer<typeof flashShape>;

/** A cookie holds about 4 KB; the signed value stays well under. */
const MAX_COOKIE = 3_000;
const MAX_VALUE = 200;

const encode = (flash: Flash) => Buffer.from(JSON.stringify(flash)).toString('base64url');

/** A block with its texts (and data) cut to 70%. */
function shorter(block: Block): Block {
  const cut = (s: string) => clipText(s, Math.max(1, Math.floor([...s].length * 0.7)));
  if (block.kind === 'notes') return { ...block, text: cut(block.text) };
  if (block.kind === 'links') return { ...block, links: block.links.slice(0, -1) };
  const data = Object.fromEntries(
    Object.entries(block.data).map(([k, v]) => [k, typeof v === 'string' ? cut(v) : v]),
  );
  return { ...block, data };
}

/** The cookie value for a flash; a long reply is clipped to fit: its last lines, then its texts. */
export function packFlash(secret: string, sessionId: string, channelId: number, flash: Flash) {
  const values = Object.fromEntries(
    Object.entries(flash.values).map(([k, v]) => [k, clipText(v, MAX_VALUE)]),
  );
  let blocks = flash.blocks;
  let packed = encode({ form: flash.form, blocks, values });
  for (let tries = 0; packed.length > MAX_COOKIE && tries < 50; tries++) {
    blocks =
      blocks.length > 2 ? [...blocks.slice(0, -2), datum('…')] : blocks.map((b) => shorter(b));
    packed = encode({ form: flash.form, blocks, values });
  }
  return sign(secret, `${sessionId}.${channelId}.${packed}`);
}

/** The flash a cookie carries for this session and channel; null when none or not theirs. */
export function unpackFlash(
  secret: string,
  sessionId: string,
  channelId: number,
  cookie: string | undefined,
): Flash | null {
  const value = unsign(secret, cookie);
  const prefix = `${sessionId}.${channelId}.`;
  if (!value?.startsWith(prefix)) return null;
  try {
    const json = JSON.parse(Buffer.from(value.slice(prefix.length), 'base64url').toString('utf8'));
    const flash = flashShape.safeParse(json);
    return flash.success ? flash.data : null;
  } catch {
    return null;
  }
}
