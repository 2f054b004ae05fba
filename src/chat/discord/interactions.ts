import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import {
  type Button,
  type CommandContext,
  type CommandReply,
  type Form,
  runButton,
  runForm,
} from '../../../commands/index.ts';
import type { OutFile } from '../../core/port.ts';
import { line } from '../../core/reply/line.ts';
import { clipText } from '../../core/split.ts';
import { renderReply } from '../render.ts';
import { DISCORD } from './render.ts';
import { NO_MENTIONS } from './text.ts';

const STYLES = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

/** Buttons as Discord's action rows: 5 a row, 5 rows, labels of 80 characters, ids of 100. */
export function buttonRows(buttons: Button[] | undefined) {
  const rows: ReturnType<ActionRowBuilder<ButtonBuilder>['toJSON']>[] = [];
  const list = (buttons ?? []).slice(0, 25);
  for (let i = 0; i < list.length; i += 5) {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      list.slice(i, i + 5).map((b) =>
        new ButtonBuilder()
          .setCustomId(b.id.slice(0, 100))
          .setLabel(clipText(b.label, 80))
          .setStyle(STYLES[b.style ?? 'secondary']),
      ),
    );
    rows.push(row.toJSON());
  }
  return rows;
}

/** A form as a Discord modal: a labelled text input per field (5 at most; titles of 45). */
export function modalOf(form: Form): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(form.id.slice(0, 100))
    .setTitle(clipText(form.title, 45))
    .addLabelComponents(
      form.fields.slice(0, 5).map((field) => {
        const input = new TextInputBuilder()
          .setCustomId(field.id)
          .setStyle(field.long ? TextInputStyle.Paragraph : TextInputStyle.Short)
          .setRequired(field.required ?? true)
          .setMaxLength(Math.min(field.maxLength ?? 4000, 4000));
        if (field.value)
          input.setValue(clipText(field.value, Math.min(field.maxLength ?? 4000, 4000)));
        return new LabelBuilder().setLabel(clipText(field.label, 45)).setTextInputComponent(input);
      }),
    );
}

/** A reply's file as a discord.js attachment; its title is the image's description (alt text). */
function attachment(file: OutFile) {
  return {
    attachment: Buffer.from(file.bytes),
    name: file.name,
    description: clipText(file.title, 1024),
  };
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** How long an answer that may open a modal is waited for before Discord's 3 s run out. */
const MODAL_WAIT_MS = 2500;

/**
 * Answers an interaction with a command's reply. Discord drops an interaction not answered
 * within 3 s, and a modal can only be the first answer: where the reply may be a form, it is
 * waited for up to 2.5 s (then answered directly, with the visibility it asks for), and only a
 * slower one is deferred; elsewhere the deferral comes first. Nothing in an answer pings anyone.
 */
export async function answerInteraction(
  interaction: Answerable,
  work: () => Promise<{ reply: CommandReply; ctx: CommandContext | null }>,
  opts: { public: boolean; mayOpenForm: boolean },
): Promise<void> {
  const flags = (ephemeral: boolean) =>
    ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
  const body = (reply: CommandReply) => ({
    content: clipText(renderReply(reply.blocks, DISCORD), 2000),
    components: buttonRows(reply.buttons),
    allowedMentions: NO_MENTIONS,
    // Attachments go with the answer, so an ephemeral answer's files are the member's alone.
    ...(reply.files?.length ? { files: reply.files.map(attachment) } : {}),
  });
  const pending = work();
  if (opts.mayOpenForm) {
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      pending,
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), MODAL_WAIT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    if (first) {
      const { reply } = first;
      if (reply.form && !interaction.isModalSubmit())
        await interaction.showModal(modalOf(reply.form));
      else await interaction.reply({ ...body(reply), ...flags(reply.ephemeral) });
      return;
    }
  }
  await interaction.deferReply(flags(!opts.public));
  const { reply: done, ctx } = await pending;
  // A modal cannot follow a deferral: the person is asked to press again.
  const reply: CommandReply =
    done.form && ctx
      ? { blocks: [line(ctx.locale, 'interaction.formLate')], ephemeral: true }
      : { ...done, form: undefined };
  if (reply.ephemeral === !opts.public) {
    await interaction.editReply(body(reply));
  } else {
    await interaction.deleteReply();
    await interaction.followUp({ ...body(reply), ...flags(reply.ephemeral) });
  }
}

/** Values of a submitted modal by field id. */
function formValues(interaction: ModalSubmitInteraction): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) {
    if ('value' in field && typeof field.value === 'string') values[id] = field.value;
  }
  return values;
}

/**
 * A click on a button or a submitted modal: routed to the command its id names
 * (commands/index.ts), answered like a command.
 */
export async function onInteraction(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  contextOf: (interaction: ButtonInteraction | ModalSubmitInteraction) => Promise<CommandContext>,
): Promise<void> {
  await answerInteraction(
    interaction,
    async () => {
      const ctx = await contextOf(interaction);
      const reply = interaction.isButton()
        ? await runButton(interaction.customId, ctx)
        : await runForm(interaction.customId, formValues(interaction), ctx);
      return { reply, ctx };
    },
    // A click may open a form; whether its answer is public is known only once it is ready.
    { public: false, mayOpenForm: true },
  );
}
