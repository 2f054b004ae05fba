import { type Client, Events } from 'discord.js';
import type { PracticeDeps } from '../../../core/deps.ts';
import { t } from '../../../core/i18n/index.ts';
import { commandContext, EPHEMERAL, onCommand } from '../commands.ts';
import { onInteraction } from '../interactions.ts';
import { safely } from '../where.ts';

/** Slash commands, button clicks and submitted forms: each answered, failures apologised for. */
export function registerInteractions(deps: PracticeDeps, client: Client): void {
  client.on(Events.InteractionCreate, (interaction) => {
    const work = interaction.isChatInputCommand()
      ? onCommand(deps, interaction)
      : interaction.isButton() || interaction.isModalSubmit()
        ? onInteraction(interaction, (i) => commandContext(deps, i))
        : null;
    if (!work || !interaction.isRepliable()) return;
    safely(
      deps,
      'interaction',
      work.catch(async (err) => {
        const what = interaction.isChatInputCommand()
          ? { command: interaction.commandName }
          : { customId: 'customId' in interaction ? interaction.customId : null };
        deps.log.error({ err, ...what }, 'discord interaction failed');
        const content = t(deps.defaults.locale, 'error.internal');
        if (interaction.deferred || interaction.replied) await interaction.editReply({ content });
        else await interaction.reply({ content, flags: EPHEMERAL });
      }),
    );
  });
}
