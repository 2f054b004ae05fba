import {
  type Button,
  type CommandContext,
  type CommandReply,
  type Form,
  runForm,
} from '../../../commands/index.ts';
import { type Locale, t } from '../../core/i18n/index.ts';

/** Buttons as the lines a console user types instead of clicking: `[Label] → /press <id>`. */
export function buttonLines(buttons: Button[] | undefined, indent = ''): string[] {
  return (buttons ?? []).map((b) => `${indent}[${b.label}] → ${b.typed ?? `/press ${b.id}`}`);
}

/**
 * A form being filled in the console: one field a line, or every field at once on the first
 * line as `a | b | c` (a form of one field takes the line as it is, `|` and all).
 */
export class ConsoleForm {
  private readonly values: string[] = [];

  constructor(
    readonly form: Form,
    private readonly ctx: CommandContext,
  ) {}

  /** What the console says when the form opens: how to answer, then the first field. */
  intro(locale: Locale): string {
    return `${t(locale, 'console.formStart', { title: this.form.title })}\n${this.prompt(locale)}`;
  }

  private prompt(locale: Locale): string {
    const field = this.form.fields[this.values.length];
    return t(locale, 'console.formField', { label: field?.label ?? '' });
  }

  /** Takes a line: the next field's prompt, or once every field has a value, the command's answer. */
  async take(line: string): Promise<{ prompt: string } | { reply: CommandReply }> {
    const { fields } = this.form;
    const parts = line.split('|').map((p) => p.trim());
    if (this.values.length === 0 && fields.length > 1 && parts.length === fields.length)
      this.values.push(...parts);
    else this.values.push(line);
    if (this.values.length < fields.length) return { prompt: this.prompt(this.ctx.locale) };
    const values = Object.fromEntries(fields.map((f, i) => [f.id, this.values[i] ?? '']));
    return { reply: await runForm(this.form.id, values, this.ctx) };
  }
}
