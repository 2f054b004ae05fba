import { z } from 'zod';
import { ensureChannel } from '../src/practice/channels.ts';
import {
  changeSetting,
  findSetting,
  SETTING_KEYS,
  showSettings,
} from '../src/settings/settings.ts';
import { defineCommand } from './types.ts';

/** `/settings`, `/settings language ko`, `/settings managers add @name`. */
export const settings = defineCommand({
  name: 'settings',
  description: 'cmd.settings',
  options: [
    { name: 'key', description: 'cmd.settings.key', choices: SETTING_KEYS },
    { name: 'value', description: 'cmd.settings.value', rest: true },
  ],
  asksManager: true,
  schema: z
    .object({
      key: z
        .string()
        .trim()
        .toLowerCase()
        .refine((k) => findSetting(k) !== undefined)
        .optional(),
      value: z.string().trim().max(1000).optional(),
    })
    .strict(),
  async handle({ key, value }, ctx) {
    const channel = await ensureChannel(ctx.deps, ctx.address);
    const setting = key ? findSetting(key) : undefined;
    const sctx = { deps: ctx.deps, channel, actor: ctx.member };
    const text = setting
      ? await changeSetting(sctx, setting, value ?? '')
      : await showSettings(sctx);
    return { text, ephemeral: true };
  },
});
