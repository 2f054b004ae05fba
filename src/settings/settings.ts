import { coachModelOf, modelHost } from '../coach/model.ts';
import { ALL_BANKS, channelBanks, chosenBanks, parseBanks } from '../core/banks.ts';
import { addressOf, type ChannelRow, channelLocale, updateChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import { isLocale, type Locale } from '../core/i18n/index.ts';
import type { Fill } from '../core/message.ts';
import type { Platform } from '../core/port.ts';
import { datum, joinLines, line, prose } from '../core/reply/line.ts';
import { nudgesMe, parseNudgeHours, setNudgeHours, setNudgeMe } from '../nudges/nudges.ts';
import { setDigest } from '../review/digest.ts';
import {
  type Actor,
  addManager,
  isManager,
  listManagers,
  memberFromText,
  memberLabel,
  removeManager,
} from './managers.ts';

export interface SettingContext {
  deps: PracticeDeps;
  channel: ChannelRow;
  actor: Actor;
}

/**
 * One `/settings <key> <value>` entry: how its value is written, how it is shown, how a new
 * value is parsed and saved. A new setting is one more entry in SETTINGS.
 */
export interface Setting {
  key: string;
  /** The value part of the usage line: `ko|en`. */
  usage: string;
  /** The current value, for `/settings` (in the channel's language). */
  show(ctx: SettingContext, locale: Locale): Promise<Fill>;
  /**
   * Parses `value` and saves it; returns the confirmation (in the channel's language once
   * saved). A value it cannot take throws a UserError.
   */
  apply(ctx: SettingContext, value: string): Promise<Fill>;
  /** The member's own preference: anyone sets it for themselves, not only managers. */
  personal?: boolean;
}

/** A setting that is one of a few words stored in a channels column. */
function choice<K extends 'answers' | 'revealBy'>(
  key: string,
  column: K,
  values: readonly ChannelRow[K][],
): Setting {
  return {
    key,
    usage: values.join('|'),
    async show({ channel }) {
      return datum(channel[column]);
    },
    async apply({ deps, channel }, value) {
      const word = value.trim().toLowerCase() as ChannelRow[K];
      if (!values.includes(word)) throw badValue(key, values.join('|'));
      const saved = await updateChannel(deps, channel.id, { [column]: word });
      return line(channelLocale(saved), 'settings.saved', { key, value: word });
    },
  };
}

function badValue(key: string, usage: string): UserError {
  return new UserError('settings.badValue', { key, usage: `/settings ${key} ${usage}` });
}

const language: Setting = {
  key: 'language',
  usage: 'ko|en',
  async show({ channel }) {
    return datum(channelLocale(channel));
  },
  async apply({ deps, channel }, value) {
    const word = value.trim().toLowerCase();
    if (!isLocale(word)) throw badValue('language', 'ko|en');
    await updateChannel(deps, channel.id, { locale: word });
    return line(word, 'settings.saved', { key: 'language', value: word });
  },
};

const banks: Setting = {
  key: 'banks',
  usage: '<name>[,<name>…]|all',
  async show({ deps, channel }, locale) {
    const chosen = chosenBanks(channel);
    if (chosen?.includes(ALL_BANKS)) return line(locale, 'settings.banksAll');
    const listed = (await channelBanks(deps, channel))?.join(', ');
    const names = listed === undefined ? line(locale, 'settings.banksAll') : datum(listed);
    if (chosen) return names;
    return line(locale, 'settings.banksDefault', {
      banks: names,
      language: channelLocale(channel),
    });
  },
  async apply({ deps, channel }, value) {
    const names = await parseBanks(deps, value);
    if (names.length === 0) throw badValue('banks', banks.usage);
    const saved = await updateChannel(deps, channel.id, { banks: JSON.stringify(names) });
    const shown = names.includes(ALL_BANKS) ? 'all' : names.join(', ');
    return line(channelLocale(saved), 'settings.saved', { key: 'banks', value: shown });
  },
};

const managers: Setting = {
  key: 'managers',
  usage: 'add|remove <member>',
  async show({ deps, channel }, locale) {
    const added = await listManagers(deps, channel);
    if (added.length === 0) return line(locale, 'settings.managersAdmins');
    const names = await Promise.all(added.map((m) => memberLabel(deps, channel, m)));
    return line(locale, 'settings.managersSome', { names: names.join(', ') });
  },
  async apply({ deps, channel, actor }, value) {
    const locale = channelLocale(channel);
    const [verb = '', ...rest] = value.trim().split(/\s+/);
    const member = memberFromText(channel.platform as Platform, rest.join(' '));
    const action = verb.toLowerCase();
    if ((action !== 'add' && action !== 'remove') || !member)
      throw badValue('managers', managers.usage);
    const label = await memberLabel(deps, channel, member);
    if (action === 'add') {
      const added = await addManager(deps, channel, member, actor.id);
      return line(locale, added ? 'settings.managerAdded' : 'settings.managerAlready', {
        member: label,
      });
    }
    const removed = await removeManager(deps, channel, member);
    return line(locale, removed ? 'settings.managerRemoved' : 'settings.managerUnknown', {
      member: label,
    });
  },
};

/** `on|off` as a boolean; anything else is refused with the setting's usage. */
function onOff(key: string, value: string): boolean {
  const word = value.trim().toLowerCase();
  if (word !== 'on' && word !== 'off') throw badValue(key, 'on|off');
  return word === 'on';
}

/** A channel's on|off setting: shows its state, saves what it is given with `write`. */
function channelSwitch(
  key: string,
  read: (channel: ChannelRow) => boolean,
  write: (deps: PracticeDeps, channel: ChannelRow, on: boolean) => Promise<unknown>,
): Setting {
  return {
    key,
    usage: 'on|off',
    async show({ channel }) {
      return datum(read(channel) ? 'on' : 'off');
    },
    async apply({ deps, channel }, value) {
      const on = onOff(key, value);
      await write(deps, channel, on);
      return line(channelLocale(channel), 'settings.saved', { key, value: on ? 'on' : 'off' });
    },
  };
}

/** The weekly digest after the week's last drop. */
const digest = channelSwitch('digest', (c) => c.digest, setDigest);

/** Whether members may ask the answer coach for feedback on their answers (src/coach/). */
const coach = channelSwitch(
  'coach',
  (c) => c.coach,
  (deps, c, on) => updateChannel(deps, c.id, { coach: on }),
);

/**
 * The coach's language model for this channel: only where the host configured one, and the
 * setting says where answers go (they leave this server).
 */
const coachModel: Setting = {
  key: 'coach-model',
  usage: 'on|off',
  async show({ deps, channel }, locale) {
    const model = coachModelOf(deps);
    if (!model) return line(locale, 'coach.modelNone');
    return channel.coachModel
      ? line(locale, 'coach.modelShown', { host: modelHost(model) })
      : datum('off');
  },
  async apply({ deps, channel }, value) {
    const on = onOff('coach-model', value);
    const locale = channelLocale(channel);
    const model = coachModelOf(deps);
    if (on && !model) throw new UserError('coach.modelNotConfigured');
    await updateChannel(deps, channel.id, { coachModel: on });
    return on && model
      ? line(locale, 'coach.modelOn', { host: modelHost(model) })
      : line(locale, 'coach.modelOff');
  },
};

/** Reminders in the drop's thread, that many hours before a scheduled reveal. */
const nudge: Setting = {
  key: 'nudge',
  usage: '<hours>|off',
  async show({ channel }) {
    return datum(channel.nudgeHours === null ? 'off' : `${channel.nudgeHours}h`);
  },
  async apply({ deps, channel }, value) {
    const hours = parseNudgeHours(value);
    const saved = await setNudgeHours(deps, channel, hours);
    const locale = channelLocale(saved);
    if (hours === null) return line(locale, 'nudge.off');
    const set = line(locale, 'nudge.set', { hours });
    return saved.reveal ? set : joinLines([set, line(locale, 'nudge.noReveal')]);
  },
};

/** Whether the member is named in reminders, in every channel of the workspace. */
const nudgeMe: Setting = {
  key: 'nudge-me',
  usage: 'on|off',
  personal: true,
  async show({ deps, channel, actor }) {
    return datum((await nudgesMe(deps, addressOf(channel), actor.id)) ? 'on' : 'off');
  },
  async apply({ deps, channel, actor }, value) {
    const on = onOff('nudge-me', value);
    await setNudgeMe(deps, addressOf(channel), actor.id, on);
    return line(channelLocale(channel), on ? 'nudgeMe.on' : 'nudgeMe.off');
  },
};

/** Every per-channel setting, in the order `/settings` shows them. */
export const SETTINGS: Setting[] = [
  language,
  banks,
  choice('answers', 'answers', ['open', 'hidden']),
  choice('reveal', 'revealBy', ['anyone', 'managers']),
  managers,
  digest,
  nudge,
  nudgeMe,
  coach,
  coachModel,
];

export const SETTING_KEYS = SETTINGS.map((s) => s.key);

export function findSetting(key: string): Setting | undefined {
  return SETTINGS.find((s) => s.key === key.trim().toLowerCase());
}

/** `/settings`: every setting's current value, one per line. */
export async function showSettings(ctx: SettingContext): Promise<Fill[]> {
  const locale = channelLocale(ctx.channel);
  const lines = [line(locale, 'settings.title')];
  for (const s of SETTINGS) lines.push(keyed(s.key, await s.show(ctx, locale)));
  lines.push(line(locale, 'settings.howTo'));
  return lines;
}

/** `- key: value`, the setting's name as the command takes it. */
const keyed = (key: string, value: Fill, bullet = '- '): Fill =>
  joinLines([prose(`${bullet}${key}`), value], ': ');

/**
 * `/settings <key> <value>`: anyone may look (no value shows the one setting), only the
 * channel's managers change.
 */
export async function changeSetting(
  ctx: SettingContext,
  setting: Setting,
  value: string,
): Promise<Fill[]> {
  const locale = channelLocale(ctx.channel);
  if (value.trim() === '') {
    const usage = prose(`/settings ${setting.key} ${setting.usage}`);
    return [
      keyed(setting.key, await setting.show(ctx, locale), ''),
      line(locale, 'settings.usage', { usage }),
    ];
  }
  if (!setting.personal && !(await isManager(ctx.deps, ctx.channel, ctx.actor)))
    throw new UserError('settings.forbidden');
  return [await setting.apply(ctx, value)];
}
