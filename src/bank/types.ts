/** What reading a notes file gives: its questions, its parts and its problems. */

export interface Reference {
  url: string;
  label: string | null;
}

export interface Question {
  id: string;
  bank: string;
  section: string;
  /** The item's own label ("1", "1-1"); null for a section that is itself a question. */
  number: string | null;
  prompt: string;
  /** What stands between the question and its answer and is asked with it (code, options). */
  body: string;
  /** How prompt, body and answer are written: Markdown from `.md` notes, else plain text. */
  format: 'text' | 'markdown';
  answer: string;
  notes: string;
  references: Reference[];
  /** Id of the question a follow-up belongs to. */
  parent: string | null;
  /** A group has no answer of its own: its follow-ups are the practice items. */
  kind: 'question' | 'group';
  /** Set when the answer is borrowed from the next question (`1.` and `2.` sharing one answer). */
  sharesAnswerWith: string | null;
  source: { file: string; line: number };
}

export interface Problem {
  file: string;
  line: number;
  level: 'error' | 'warning';
  message: string;
}

/** What was read in one section: the way its questions are written, and its counts. */
export interface Part {
  section: string;
  layout: string;
  /** Questions asked (groups not counted), follow-ups included. */
  questions: number;
  answered: number;
  followUps: number;
}

export interface ParsedBank {
  bank: string;
  file: string;
  /** How the file marks its questions, as `bank check` reports it. */
  layout: string;
  sections: string[];
  /** Per section, what `bank check` reports under the file. */
  parts?: Part[];
  questions: Question[];
  problems: Problem[];
}
