/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): in a
 * name, a prompt or a topic they reverse or reorder what Drill writes around them (a title, a
 * leaderboard line), so they never leave text that Drill shows. The marks U+200E and U+200F,
 * which only give a character a direction, stay: right-to-left names need them.
 */
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * A section's (topic's) name as Drill shows it: the notes may hold bidi controls, which stay in
 * the stored name (question ids are made from it) and leave only what is shown.
 */
export function shownTopic(section: string): string {
  return withoutBidiControls(section);
}
