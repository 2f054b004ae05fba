/**
 * What a message says, as structure: the domain says which text is notes (Markdown or plain),
 * which is a link and how a long text fits, and each port writes it in its platform's markup
 * (src/chat/<platform>/render.ts). The domain never writes markup nor escapes.
 */

/** How notes text is written: Markdown, rendered by each platform, or plain text. */
export type NotesFormat = 'text' | 'markdown';

/** A link; the label, when there is one, as its text. */
export interface Link {
  url: string;
  label: string | null;
}

/**
 * How notes text is fitted is fitted to the platform's message size:
 * - `clip`: cut (with …) to what the message has room for, but never under 50 characters;
 * - `first`: only its first part, cut at a line (code blocks closed), or nothing when little room is left;
 * - `split`: whole, over as many messages as it takes (the ones after the first titled `more`).
 * Without `fit` a block is shown whole.
 */
export type Fit = 'clip' | 'first' | 'split';

/**
 * A value in a catalogue line: text (a name, a topic, what a member typed) shown as written; an
 * address shown as the platform shows a bare link; a platform mention shown as the platform
 * shows one without pinging (Discord's `<@id>` as its name), else as text.
 */
export type Datum = string | { url: string } | { mention: string };

export type Block =
  /** Text from notes or members: Markdown rendered, plain text shown as written. */
  | { kind: 'notes'; text: string; format: NotesFormat; fit?: Fit }
  /** Links, one a line (a question's references). */
  | { kind: 'links'; links: Link[]; fit?: 'split' }
  | Fill;

/**
 * A line of the catalogue with data in it: each `{name}` of `text` stands for `data.name`, which
 * is shown as written (escaped, pinging nobody); the rest of `text` is the catalogue's own, in
 * its own markup (code spans in backticks, where data is written as code).
 */
export interface Fill {
  kind: 'fill';
  text: string;
  data: Record<string, Datum>;
}
