import { z } from 'zod';
import { clipText } from '../core/split.ts';
import { sign, unsign } from '../core/web-sessions.ts';

/**
 * What a manage form's answer carries to the page its POST redirects to (POST → 303 → GET), shown
 * once: the command's reply and what was typed into that form, so a refused value can be fixed.
 * It travels in a short-lived cookie, signed and bound to the session and the channel, so no
 * other page, person or site can put words on it.
 */
const flashShape = z.object({
  /** The form that was sent (`schedule`, `settings`, …). */
  form: z.string(),
  /** The command's reply, as the commands write it (the page renders it for the web). */
  text: z.string(),
  /** The text fields of that form as they were sent. */
  values: z.record(z.string(), z.string()),
});
export type Flash = z.infer<typeof flashShape>;

/** A cookie holds about 4 KB; the signed value stays well under. */
const MAX_COOKIE = 3_000;
const MAX_VALUE = 200;

const encode = (flash: Flash) => Buffer.from(JSON.stringify(flash)).toString('base64url');

/** The cookie value for a flash; a long reply is clipped to fit. */
export function packFlash(secret: string, sessionId: string, channelId: number, flash: Flash) {
  const values = Object.fromEntries(
    Object.entries(flash.values).map(([k, v]) => [k, clipText(v, MAX_VALUE)]),
  );
  let text = flash.text;
  let packed = encode({ form: flash.form, text, values });
  while (packed.length > MAX_COOKIE && text.length > 1) {
    text = clipText(text, Math.floor(text.length * 0.7));
    packed = encode({ form: flash.form, text, values });
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
