import { notesMarkup } from '../bank/markup.ts';
import type { Link, NotesFormat } from '../core/message.ts';
import type { Platform } from '../core/port.ts';
import { CONSOLE } from './console/render.ts';
import { DISCORD } from './discord/render.ts';
import type { Renderer } from './render.ts';
import { SLACK } from './slack/render.ts';

/** Each platform's renderer, for whatever stands in for a port (the tests' recording port). */
export const RENDERERS: Record<Platform, Renderer> = {
  discord: DISCORD,
  slack: SLACK,
  console: CONSOLE,
};

/** Notes text in a platform's markup. */
export function renderNotes(text: string, platform: Platform, format: NotesFormat): string {
  return notesMarkup(text, format, RENDERERS[platform].dialect);
}

/** A reference as a link on the platform; the label, when there is one, as its text. */
export function referenceLink(link: Link, platform: Platform): string {
  return RENDERERS[platform].link(link);
}
