import { z } from 'zod';
import { ensureChannel } from '../src/core/channels.ts';
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
    // Discord's member picker for `managers add|remove`; text platforms write the member in value.
    { name: 'member', description: 'cmd.settings.member', kind: 'user' },
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
      member: z.string().trim().max(100).optional(),
    })
    .strict(),
  async handle({ key, value, member }, ctx) {
    const channel = await ensureChannel(ctx.deps, ctx.address);
    const setting = key ? findSetting(key) : undefined;
    const sctx = { deps: ctx.deps, channel, actor: ctx.member };
    const blocks = setting
      ? await changeSetting(sctx, setting, [value, member].filter(Boolean).join(' '))
      : await showSettings(sctx);
    return { blocks, ephemeral: true };
  },
});
