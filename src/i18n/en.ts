/** English messages. Every key here must exist in ko.ts (the type and a test check it). */
export const en = {
  'console.banner':
    'Drill console channel: no Discord or Slack token is set, so this terminal is the channel. Set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or SLACK_BOT_TOKEN, in .env to connect a real platform. Type /help for commands; any other line is your answer.',
  'console.member': 'Now answering as {name}.',
  'console.noDrop': 'No question is open yet: /ask posts one.',
  'console.replyStored': 'answer #{n} saved',
  // One counted answer per member per drop (issue 13)
  'console.replyTalk': 'saved as discussion: your answer #{n} is the one that counts',
  'console.replyLate': 'saved as discussion: messages after the reveal don’t count as answers',
  'vote.uncounted':
    'Votes count only on answers: that message is discussion (a second message or one after the reveal).',
  'console.help':
    'Commands:\n  /ask [topic]        post a random question now (optionally from one topic)\n  /answer             reveal the model answer\n  /leaderboard [week|month|all]\n  /vote N             vote 👍 for answer #N in the current thread\n  /grade ok|partly|missed   grade yourself against the model answer\n  /as NAME            answer as another member (to try votes)\n  /help               this text\nAny other line is your answer in the current question’s thread.',
  'drop.title': 'Question of the day · {topic}',
  'drop.manualTitle': 'Practice question · {topic}',
  'drop.followUp': 'Follow-up to: {parent}',
  'drop.partOf': 'Part of: {group}',
  'drop.footer': 'Answer in the thread. /answer reveals the model answer.',
  'drop.threadName': 'Answers · {prompt}',
  'drop.refilled': 'Every question has been asked once: the bag is refilled and starts over.',
  'ask.posted': 'Posted a question from “{topic}”.',
  'ask.empty': 'The question bank is empty: add notes to the content folder and restart.',
  'ask.unknownTopic': 'No topic starts with “{topic}”. Topics: {topics}',
  'reveal.answerTitle': 'Model answer',
  'reveal.answerTitleMore': 'Model answer (continued)',
  'reveal.noAnswer':
    'The notes have no answer to this question yet: compare your answers in the thread.',
  'reveal.notesTitle': 'Notes',
  'reveal.referencesTitle': 'References',
  'reveal.selfCheck':
    'How did you do? React ✅ got it · 🤔 partly · ❌ missed. Vote 👍 on the best answers in this thread.',
  'answer.nothingOpen': 'No question is open in this channel. /ask posts one.',
  'answer.already': 'Already revealed: {link}',
  'answer.alreadyHere': 'Already revealed above in this thread.',
  'answer.revealed': 'The model answer is in the thread.',
  'leaderboard.title': 'Leaderboard · {period}',
  'leaderboard.week': 'this week',
  'leaderboard.month': 'this month',
  'leaderboard.all': 'all time',
  'leaderboard.row': '{rank}. {name} · {replies} answers · {votes} 👍 · {streak}-day streak',
  'leaderboard.empty': 'No answers yet ({period}).',
  'vote.recorded': 'Vote counted for answer #{n}.',
  'vote.self': 'Votes on your own answer don’t count.',
  'vote.noSuch': 'There is no answer #{n} in this question’s thread.',
  'grade.recorded': 'Self-check saved: {grade}.',
  'grade.notRevealed': 'Reveal the answer first with /answer, then grade yourself.',
  'error.unknownCommand': 'Unknown command “{command}”. Commands: {commands}',
  'error.badOptions': 'Usage: {usage}\n{detail}',
  'error.platform': 'Could not post in this channel: {reason}',
  'error.internal': 'Something went wrong on Drill’s side; it has been logged.',
  'cmd.ask': 'Post a random practice question now',
  'cmd.ask.topic': 'Only from this topic (section of the notes); prefix, any case',
  'cmd.answer': 'Reveal the model answer of this thread’s question or the latest open one',
  'cmd.leaderboard': 'Answers and 👍 received per member, with streaks',
  'cmd.leaderboard.period': 'week, month or all (default: week)',
  'cmd.schedule': 'Set, show, skip, pause, resume or turn off this channel’s daily question',
  'cmd.schedule.action': 'set, show, skip, unskip, pause, resume or off',
  'cmd.schedule.cron': 'When to post, as 5-field cron in the zone: e.g. 0 9 * * 1-5',
  'cmd.schedule.timezone': 'IANA time zone, e.g. Asia/Seoul',
  'cmd.schedule.reveal': 'When to reveal: HH:MM that day, or +N h after the drop',
  'cmd.schedule.mention': 'Role or user group to ping with each drop',
  'schedule.forbidden': 'Only people who can manage this channel can change its schedule.',
  'schedule.invalid': 'The schedule was not changed: {reason}',
  'schedule.needCron':
    'The schedule was not changed: set needs a cron, e.g. /schedule set cron:"0 9 * * 1-5" timezone:Asia/Seoul reveal:+8h',
  'schedule.saved': 'Scheduled: {rule}.\nNext drop: {next}',
  'schedule.none':
    'This channel has no schedule. /schedule set cron:"0 9 * * 1-5" timezone:Asia/Seoul sets one.',
  'schedule.rule': '`{cron}` in {zone}',
  'schedule.ruleReveal': '`{cron}` in {zone}, reveal {reveal}',
  'schedule.mention': 'pinging {mention}',
  'schedule.header': 'Schedule: {rule}',
  'schedule.pausedState': 'Paused: /schedule resume starts it again.',
  'schedule.next': 'Next drops:',
  'schedule.slot': '- {local} ({utc})',
  'schedule.slotReveal': '- {local} ({utc}) · reveal {revealLocal} ({revealUtc})',
  'schedule.noNext': 'The rule matches no future time.',
  'schedule.lastFailure': 'Last failed post, {when}: {reason}',
  'schedule.skipped': 'The drop of {slot} will be skipped.',
  'schedule.paused': 'Paused. /schedule resume starts it again.',
  'schedule.resumed': 'Resumed. Next drop: {next}',
  'schedule.off': 'Schedule turned off; answers and history are kept.',
  'schedule.missingPermissions':
    'The schedule was not changed: the bot is missing {permissions} in this channel.',
  'schedule.skippedMark': 'skipped',
  'platform.missingAccess':
    'the bot cannot see this channel: add it to the channel or give it View Channel',
  'platform.missingPermissions':
    'the bot lacks a permission in this channel; it needs {permissions}',
  'platform.unknownChannel': 'the channel is gone, or hidden from the bot',
  'platform.notInChannel': 'the bot is not in this channel: invite it with /invite @Drill',
  'platform.missingScope':
    'the Slack app lacks the {scope} scope: add it in the app settings and reinstall the app',
  'platform.rateLimited': 'the platform is rate limiting the bot; try again in a minute',
  'platform.other': 'the platform refused: {detail}',
  'name.ask': 'ask',
  'name.answer': 'answer',
  'name.leaderboard': 'leaderboard',
  'name.schedule': 'schedule',
  'name.topic': 'topic',
  'name.period': 'period',
  'name.action': 'action',
  'name.cron': 'cron',
  'name.timezone': 'timezone',
  'name.reveal': 'reveal',
  'name.mention': 'mention',
  'error.notSaved': 'Not saved: {reason}. Nothing was recorded; please try again later.',
  'store.full': 'the bot’s disk is full',
  'store.readonly': 'the bot’s database is read-only',
  'store.busy': 'the bot’s database is busy',
  'store.corrupt': 'the bot’s database file is damaged',
  'store.io': 'the bot could not write its database',
  'reply.notSaved': '{name}, your answer was not saved: {reason}. Please send it again later.',
  'vote.notSaved': '{name}, your reaction was not counted: {reason}. Please add it again later.',
  'ask.cooldown': 'You posted a question a moment ago; you can post the next one in {wait}.',
  'ask.channelCap':
    'This channel has had {n} practice questions in the last hour; the next one can be posted in {wait}.',
  'schedule.tooOften':
    'The schedule was not changed: it would post {gap} apart; drops must be at least {min} apart.',
  'schedule.mentionEveryone':
    'The schedule was not changed: pinging {mention} needs the bot to have Mention Everyone in this channel.',
  'schedule.mentionRole':
    'The schedule was not changed: the role {mention} is not mentionable; make it mentionable in the server settings, or give the bot Mention Everyone in this channel.',
  'schedule.mentionUnknown':
    'The schedule was not changed: {mention} is not a role, a member, @everyone or @here of this server.',
  'console.tooLong':
    'That line has {length} characters; the limit is {max}. Nothing was saved: shorten it and send it again.',
  'duration.seconds': '{n} s',
  'duration.minutes': '{n} min',
  'duration.hours': '{n} h',
  'startup.dbCorrupt':
    '{variable}={path}: the file is not a Drill database or is damaged ({detail}). Restore it from a backup, or set {variable} to a new file.',
  'startup.dbReadonly':
    '{variable}={path}: the database cannot be written ({detail}). Let the user running Drill write the file and its folder, or set {variable} to a writable place.',
  'startup.dbCannotOpen':
    '{variable}={path}: the database cannot be opened ({detail}). Check that Drill may create, read and write that folder, or set {variable} to another place.',
  'startup.dbFull':
    '{variable}={path}: the disk is full ({detail}). Free some space, or set {variable} to another disk.',
  'startup.dbNewer':
    '{variable}={path}: the database was written by a newer Drill (its schema {found} is newer than {known}, the newest this Drill knows). Update Drill, or set {variable} to another file.',
  'startup.tokenRefused':
    '{platform} refused the token ({detail}). Check {variable} in .env: copy it again from the app settings.',
  'startup.platformFailed':
    'Could not connect to {platform} ({detail}). Check the network and the settings in .env.',
  // Interaction layer (buttons and forms)
  'interaction.stale': 'This button no longer does anything here; use the command instead.',
  'interaction.formLate': 'Opening the form took too long; press the button again.',
  'form.close': 'Cancel',
  'console.formStart':
    '{title}: answer each field on its own line, or all of them on one line as a | b | c. /cancel stops.',
  'console.formField': '{label}:',
  'console.formCancelled': 'The form was cancelled; nothing was sent.',
  'console.pressUsage': 'Usage: /press <button>, as a message’s button line shows it.',
  // Holiday skips (issue 17): /schedule skip|unskip date:
  'cmd.schedule.date': 'A holiday for skip or unskip: YYYY-MM-DD in the channel’s time zone',
  'name.date': 'date',
  'skip.badDate': '“{date}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-25.',
  'skip.past': '{date} has already passed in this channel’s time zone.',
  'skip.tooMany':
    'This channel already has {max} holidays ahead: remove one with /schedule unskip date:YYYY-MM-DD first.',
  'skip.added': 'No question will be posted on {date} ({zone}).',
  'skip.already': '{date} is already a holiday: no question is posted that day.',
  'skip.removed': '{date} is no longer a holiday: its drop will be posted as scheduled.',
  'skip.notThere': '{date} is not a holiday here. Holidays: {dates}',
  'skip.needDate': 'Which date? /schedule unskip date:YYYY-MM-DD',
  'skip.none': 'none',
  'schedule.holidays': 'Holidays (no drop): {dates}',
  'schedule.holidayMark': 'holiday',
  // History export (issue 17): /export
  'cmd.export': 'Managers: send this channel’s history (questions and answers) as a CSV file',
  'name.export': 'export',
  'export.forbidden': 'Only people who can manage this channel can export its history.',
  'export.empty': 'This channel has no questions yet: nothing to export.',
  'export.sent': 'Sent the history as a CSV file: {drops} question(s), {answers} answer(s).',
  'export.fileTitle': 'Drill history up to {date} ({drops} questions)',
  // Nudges (issue 17): /settings nudge, /settings nudge-me
  'nudge.text':
    'The answer is revealed in {left}: there is still time to post yours in this thread.',
  'nudge.badHours': '“{value}” is not a number of hours: use 1 to {max}, or off.',
  'nudge.set':
    'Members who answered lately but not yet today are reminded {hours} h before each reveal.',
  'nudge.off': 'No more reminders before reveals.',
  'nudge.noReveal':
    'Reminders come before a scheduled reveal: set one with /schedule set … reveal:+8h for them to be sent.',
  'nudgeMe.off': 'You will not be named in reminders in this workspace.',
  'nudgeMe.on': 'You will be reminded again when you have not answered yet.',
} as const;

export type MessageKey = keyof typeof en;
