import { and, asc, count, eq, sql } from 'drizzle-orm';
import { questionId } from '../bank/ids.ts';
import { drawsSuggested, SUGGESTED_BANK } from '../core/banks.ts';
import { withoutBidiControls } from '../core/bidi.ts';
import { addressOf, channelLocale, ensureChannel } from '../core/channels.ts';
import { type PracticeDeps, portFor } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import { t } from '../core/i18n/index.ts';
import type { ChannelAddress } from '../core/port.ts';
import { ownerOf, visibleTo } from '../core/select.ts';
import { clipText } from '../core/split.ts';
import type { QuestionRow, Tables } from '../db/store.ts';

/** The bank approved suggestions join; each workspace has its own. */
export { SUGGESTED_BANK };
/** A member may have this many suggestions waiting for a decision. */
export const MAX_PENDING = 5;
export const LIMITS = { section: 100, prompt: 500, answer: 4000 } as const;

export type SuggestionRow = Tables['suggestions']['$inferSelect'];

export interface Proposal {
  section: string;
  prompt: string;
  answer: string;
}

/** Channels of the address's workspace (suggestions are the workspace's, not one channel's). */
function inWorkspace({ channels }: Tables, address: ChannelAddress) {
  return and(eq(channels.platform, address.platform), eq(channels.workspace, address.workspace));
}

/**
 * `section | question | answer`, as the console and Slack's text take it. A `|` inside `<…>` is
 * part of Slack's own markup (`<@U1|name>`, `<!subteam^S1|@team>`, `<https://…|text>`; Slack
 * sends a typed `<` as `&lt;`), never a separator.
 */
export function splitProposal(text: string): Proposal | null {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const close = ch === '<' ? /^<[^<>]*>/.exec(text.slice(i))?.[0] : undefined;
    if (close) {
      cur += close;
      i += close.length - 1;
    } else if (ch === '|') {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  if (parts.length < 3) return null;
  const [section = '', prompt = '', ...answer] = parts;
  return { section, prompt, answer: answer.join(' | ') };
}

function clean(p: Proposal): Proposal {
  const one = (s: string) => withoutBidiControls(s.normalize('NFC')).replace(/\s+/g, ' ').trim();
  const answer = withoutBidiControls(p.answer.normalize('NFC')).replace(/\r\n?/g, '\n').trim();
  const out = { section: one(p.section), prompt: one(p.prompt), answer };
  for (const key of ['section', 'prompt', 'answer'] as const) {
    if (out[key] === '') throw new UserError('suggest.missing');
    if (out[key].length > LIMITS[key]) throw new UserError('suggest.tooLong', LIMITS);
  }
  return out;
}

/** Prompts compared as people read them: case, spacing and a final ? or . do not matter. */
const promptKey = (column: unknown) => sql`lower(rtrim(trim(${column}), '?.'))`;
/** The same key in JavaScript (SQLite's lower() folds ASCII only, so only ASCII is folded). */
const keyOf = (prompt: string) =>
  prompt
    .trim()
    .replace(/[?.]+$/, '')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The existing question or pending suggestion a proposal repeats, as the refusal. */
async function duplicateOf(
  deps: PracticeDeps,
  address: ChannelAddress,
  prompt: string,
): Promise<UserError | null> {
  const { db, tables } = deps.store;
  const { questions, suggestions, channels, drops } = tables;
  const key = keyOf(prompt);
  const [question] = await db
    .select()
    .from(questions)
    .where(
      and(
        eq(questions.retired, false),
        visibleTo(tables, ownerOf(address)),
        sql`${promptKey(questions.prompt)} = ${key}`,
      ),
    )
    .limit(1);
  if (question) {
    // A link to where the channel was asked it, when it was; else where it is in the bank.
    const channel = await ensureChannel(deps, address);
    const [asked] = await db
      .select({ messageRef: drops.messageRef, threadRef: drops.threadRef })
      .from(drops)
      .where(
        and(
          eq(drops.channelId, channel.id),
          eq(drops.questionId, question.id),
          eq(drops.status, 'posted'),
        ),
      )
      .limit(1);
    const link = asked?.messageRef
      ? portFor(deps, address).link(address, asked.messageRef, asked.threadRef)
      : null;
    return new UserError('suggest.duplicate', {
      existing: `${question.bank} › ${question.section} › “${clipText(question.prompt, 200)}”${link ? ` ${link}` : ''}`,
    });
  }
  const [pending] = await db
    .select({ id: suggestions.id })
    .from(suggestions)
    .innerJoin(channels, eq(channels.id, suggestions.channelId))
    .where(
      and(
        inWorkspace(tables, address),
        eq(suggestions.status, 'pending'),
        sql`${promptKey(suggestions.prompt)} = ${key}`,
      ),
    )
    .limit(1);
  return pending ? new UserError('suggest.duplicatePending', { id: pending.id }) : null;
}

/** Refuses a member who already has MAX_PENDING suggestions waiting in the workspace. */
export async function checkPendingLimit(
  deps: PracticeDeps,
  address: ChannelAddress,
  member: string,
): Promise<void> {
  const { tables } = deps.store;
  const { suggestions, channels } = tables;
  const [pending] = await deps.store.db
    .select({ n: count() })
    .from(suggestions)
    .innerJoin(channels, eq(channels.id, suggestions.channelId))
    .where(
      and(
        inWorkspace(tables, address),
        eq(suggestions.member, member),
        eq(suggestions.status, 'pending'),
      ),
    );
  if ((pending?.n ?? 0) >= MAX_PENDING)
    throw new UserError('suggest.tooMany', { max: MAX_PENDING });
}

/**
 * A member proposes a question. Refused with the reason: a missing or too long part, five
 * suggestions already waiting, or a prompt the workspace already has (with a reference to it).
 */
export async function proposeSuggestion(
  deps: PracticeDeps,
  address: ChannelAddress,
  member: { id: string; name: string },
  proposal: Proposal,
): Promise<SuggestionRow> {
  const p = clean(proposal);
  const { tables } = deps.store;
  const { suggestions } = tables;
  const channel = await ensureChannel(deps, address);
  return deps.store.transaction(
    async (store) => {
      await checkPendingLimit({ ...deps, store }, address, member.id);
      const duplicate = await duplicateOf({ ...deps, store }, address, p.prompt);
      if (duplicate) throw duplicate;
      const [row] = await store.db
        .insert(suggestions)
        .values({
          channelId: channel.id,
          member: member.id,
          memberName: member.name,
          ...p,
          status: 'pending',
          createdAt: deps.clock.now(),
        })
        .returning();
      if (!row) throw new Error('suggestion not stored');
      return row;
    },
    { lock: `suggest:${ownerOf(address)}` },
  );
}

/** The workspace's suggestions waiting for a decision, oldest first. */
export async function pendingSuggestions(
  deps: PracticeDeps,
  address: ChannelAddress,
): Promise<SuggestionRow[]> {
  const { suggestions, channels } = deps.store.tables;
  const rows = await deps.store.db
    .select({ suggestion: suggestions })
    .from(suggestions)
    .innerJoin(channels, eq(channels.id, suggestions.channelId))
    .where(and(inWorkspace(deps.store.tables, address), eq(suggestions.status, 'pending')))
    .orderBy(asc(suggestions.id));
  return rows.map((r) => r.suggestion);
}

/**
 * A manager approves or rejects a pending suggestion of the workspace, once (a conditional
 * update: a second click or a second manager gets "already decided"). Approved, it becomes a
 * question of the workspace's `suggested` bank; the proposer is told either way.
 */
export async function decideSuggestion(
  deps: PracticeDeps,
  address: ChannelAddress,
  id: number,
  decision: { by: string; approve: boolean; reason?: string },
): Promise<SuggestionRow> {
  const { db, tables } = deps.store;
  const { suggestions, channels, questions } = tables;
  const [found] = await db
    .select({ suggestion: suggestions, channel: channels })
    .from(suggestions)
    .innerJoin(channels, eq(channels.id, suggestions.channelId))
    .where(and(eq(suggestions.id, id), inWorkspace(tables, address)))
    .limit(1);
  if (!found) throw new UserError('suggest.noSuch', { id });
  const now = deps.clock.now();
  const owner = ownerOf(address);
  const s = found.suggestion;
  const qid = questionId(`${SUGGESTED_BANK}\u0000${owner}`, s.section, s.prompt);
  const reason = decision.reason?.trim() ? clipText(decision.reason.trim(), 500) : null;
  const [decided] = await db
    .update(suggestions)
    .set({
      status: decision.approve ? 'approved' : 'rejected',
      decidedBy: decision.by,
      decidedAt: now,
      reason,
    })
    .where(and(eq(suggestions.id, id), eq(suggestions.status, 'pending')))
    .returning();
  if (!decided) throw new UserError('suggest.decided', { id });
  let result = decided;
  if (decision.approve) {
    const row: QuestionRow = {
      id: qid,
      bank: SUGGESTED_BANK,
      section: s.section,
      number: null,
      prompt: s.prompt,
      body: '',
      format: 'text',
      answer: s.answer,
      notes: '',
      references: [],
      parent: null,
      kind: 'question',
      position: s.id,
      sourceFile: `suggestion #${s.id}`,
      sourceLine: 0,
      retired: false,
      updatedAt: now,
      owner,
    };
    await db
      .insert(questions)
      .values(row)
      .onConflictDoUpdate({ target: questions.id, set: { retired: false, updatedAt: now } });
    deps.store.memo.forget('questions');
    [result = decided] = await db
      .update(suggestions)
      .set({ questionId: qid })
      .where(eq(suggestions.id, id))
      .returning();
  }
  await tellProposer(deps, found.channel, result);
  return result;
}

async function tellProposer(
  deps: PracticeDeps,
  channel: Tables['channels']['$inferSelect'],
  s: SuggestionRow,
): Promise<void> {
  const locale = channelLocale(channel);
  const prompt = clipText(s.prompt, 200);
  const text =
    s.status === 'approved'
      ? // A channel that chose its banks without `suggested` will not ask it: say where it is asked.
        t(
          locale,
          drawsSuggested(channel) ? 'suggest.toldApproved' : 'suggest.toldApprovedNotDrawn',
          {
            id: s.id,
            prompt,
          },
        )
      : s.reason
        ? t(locale, 'suggest.toldRejectedWhy', { id: s.id, prompt, reason: s.reason })
        : t(locale, 'suggest.toldRejected', { id: s.id, prompt });
  const address = addressOf(channel);
  try {
    await portFor(deps, address).notifyMember(address, s.member, { body: text });
  } catch (err) {
    // The decision stands; the proposer sees it in /suggestions' absence or asks again.
    deps.log.error({ err, suggestion: s.id }, 'telling the proposer failed');
  }
}

/** A workspace's approved questions, as the bank `suggested` (for `bank export suggested`). */
export async function suggestedQuestions(
  deps: Pick<PracticeDeps, 'store'>,
  owner?: string,
): Promise<QuestionRow[]> {
  const { questions } = deps.store.tables;
  return deps.store.db
    .select()
    .from(questions)
    .where(
      and(
        eq(questions.bank, SUGGESTED_BANK),
        eq(questions.retired, false),
        owner ? eq(questions.owner, owner) : sql`${questions.owner} is not null`,
      ),
    )
    .orderBy(asc(questions.owner), asc(questions.section), asc(questions.position));
}

/**
 * Questions in the owner's outline (`# Section`, numbered questions, answers indented under
 * them), so approved suggestions can go back into the notes and read the same.
 */
export function toOutline(rows: Pick<QuestionRow, 'section' | 'prompt' | 'answer'>[]): string {
  const sections = new Map<string, Pick<QuestionRow, 'prompt' | 'answer'>[]>();
  for (const r of rows) sections.set(r.section, [...(sections.get(r.section) ?? []), r]);
  const out: string[] = [];
  for (const [section, items] of sections) {
    out.push(`# ${section}`);
    for (const [i, q] of items.entries()) {
      out.push(`\t${i + 1}. ${q.prompt}`);
      for (const line of q.answer.split('\n')) out.push(line.trim() === '' ? '' : `\t\t${line}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * `drill bank export suggested [--workspace platform:workspace]`: a workspace's approved
 * questions in the owner's outline, from DATABASE_URL or DATABASE_PATH.
 */
export async function exportSuggested(
  args: string[],
  io: { out(text: string): void; err(text: string): void },
  usage: (m: string) => Error,
): Promise<number> {
  const { parseArgs } = await import('node:util');
  const { openStore } = await import('../db/open.ts');
  const { values } = parseArgs({
    args,
    allowPositionals: true,
    options: { workspace: { type: 'string' }, format: { type: 'string' } },
  });
  const store = await openStore(
    process.env.DATABASE_URL || process.env.DATABASE_PATH || 'data/drill.db',
  );
  try {
    const rows = await suggestedQuestions({ store }, values.workspace);
    const owners = [...new Set(rows.map((r) => r.owner))];
    if (owners.length > 1)
      throw usage(`several workspaces have suggested questions: --workspace ${owners.join(' | ')}`);
    if (rows.length === 0) io.err('no approved suggestions');
    else io.out(toOutline(rows));
    return 0;
  } finally {
    await store.close();
  }
}
