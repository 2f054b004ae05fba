import type { MessageKey } from './en.ts';

/** 한국어 메시지. en.ts의 모든 키가 있어야 합니다. */
export const ko: Record<MessageKey, string> = {
  'console.banner':
    'Drill 콘솔 채널: Discord나 Slack 토큰이 설정되지 않아 이 터미널이 채널입니다. 실제 플랫폼에 연결하려면 .env에 DISCORD_TOKEN과 DISCORD_APPLICATION_ID, 또는 SLACK_BOT_TOKEN을 설정하세요. 명령어는 /help, 그 밖의 줄은 모두 답변으로 저장됩니다.',
  'console.member': '이제 {name}(으)로 답변합니다.',
  'console.noDrop': '아직 열린 질문이 없습니다. /ask로 질문을 올리세요.',
  'console.replyStored': '답변 #{n} 저장됨',
  // 멤버당 질문 하나에 답변 하나 (issue 13)
  'console.replyTalk': '토론으로 저장됨: 집계되는 답변은 #{n}입니다',
  'console.replyLate': '토론으로 저장됨: 답안 공개 후의 글은 답변으로 집계되지 않습니다',
  'vote.uncounted':
    '투표는 답변에만 집계됩니다. 그 글은 토론입니다 (두 번째 글이거나 답안 공개 후의 글).',
  'console.help':
    '명령어:\n  /ask [주제]         지금 무작위 질문 올리기 (주제 지정 가능)\n  /answer             모범 답안 공개\n  /leaderboard [week|month|all]\n  /vote N             현재 스레드의 답변 #N에 👍 투표\n  /grade ok|partly|missed   모범 답안과 비교해 스스로 채점\n  /as 이름            다른 멤버로 답변 (투표 시험용)\n  /help               이 도움말\n그 밖의 줄은 현재 질문 스레드에 답변으로 저장됩니다.',
  'drop.title': '오늘의 질문 · {topic}',
  'drop.manualTitle': '연습 질문 · {topic}',
  'drop.followUp': '꼬리 질문 · 앞 질문: {parent}',
  'drop.partOf': '묶음: {group}',
  'drop.footer': '스레드에 답변을 남기세요. /answer로 모범 답안을 공개합니다.',
  'drop.threadName': '답변 · {prompt}',
  'drop.refilled':
    '모든 질문을 한 번씩 다 냈습니다. 질문 주머니를 다시 채우고 처음부터 시작합니다.',
  'ask.posted': '“{topic}” 주제의 질문을 올렸습니다.',
  'ask.empty': '질문 은행이 비어 있습니다. content 폴더에 노트를 넣고 다시 시작하세요.',
  'ask.unknownTopic': '“{topic}”(으)로 시작하는 주제가 없습니다. 주제 목록: {topics}',
  'reveal.answerTitle': '모범 답안',
  'reveal.answerTitleMore': '모범 답안 (계속)',
  'reveal.noAnswer': '노트에 이 질문의 답이 아직 없습니다. 스레드의 답변들을 서로 비교해 보세요.',
  'reveal.notesTitle': '노트',
  'reveal.referencesTitle': '참고 자료',
  'reveal.selfCheck':
    '어땠나요? ✅ 맞힘 · 🤔 부분적으로 · ❌ 놓침 으로 반응해 스스로 채점하세요. 이 스레드의 좋은 답변에는 👍로 투표하세요.',
  'answer.nothingOpen': '이 채널에 열린 질문이 없습니다. /ask로 질문을 올리세요.',
  'answer.already': '이미 공개했습니다: {link}',
  'answer.alreadyHere': '이 스레드 위쪽에 이미 공개했습니다.',
  'answer.revealed': '모범 답안을 스레드에 올렸습니다.',
  'leaderboard.title': '리더보드 · {period}',
  'leaderboard.week': '이번 주',
  'leaderboard.month': '이번 달',
  'leaderboard.all': '전체 기간',
  'leaderboard.row': '{rank}. {name} · 답변 {replies}개 · 👍 {votes}개 · {streak}일 연속',
  'leaderboard.empty': '아직 답변이 없습니다 ({period}).',
  'vote.recorded': '답변 #{n}에 투표했습니다.',
  'vote.self': '자신의 답변에 한 투표는 집계되지 않습니다.',
  'vote.noSuch': '이 질문 스레드에 답변 #{n}이(가) 없습니다.',
  'grade.recorded': '자가 채점 저장: {grade}.',
  'grade.notRevealed': '먼저 /answer로 답안을 공개한 뒤 채점하세요.',
  'error.unknownCommand': '알 수 없는 명령어 “{command}”. 명령어: {commands}',
  'error.badOptions': '사용법: {usage}\n{detail}',
  'error.platform': '이 채널에 글을 올리지 못했습니다: {reason}',
  'error.internal': 'Drill 내부 오류가 발생했습니다. 로그에 기록했습니다.',
  'cmd.ask': '지금 무작위 연습 질문 올리기',
  'cmd.ask.topic': '이 주제(노트의 섹션)에서만. 앞부분만, 대소문자 무관',
  'cmd.answer': '이 스레드 질문 또는 가장 최근 열린 질문의 모범 답안 공개',
  'cmd.leaderboard': '멤버별 답변 수와 받은 👍, 연속 참여일',
  'cmd.leaderboard.period': 'week, month, all 중 하나 (기본: week)',
  'cmd.schedule': '이 채널의 오늘의 질문 일정 설정, 보기, 건너뛰기, 일시정지, 재개, 끄기',
  'cmd.schedule.action': 'set, show, skip, unskip, pause, resume, off 중 하나',
  'cmd.schedule.cron': '올릴 시각 (해당 시간대의 5필드 cron), 예: 0 9 * * 1-5',
  'cmd.schedule.timezone': 'IANA 시간대, 예: Asia/Seoul',
  'cmd.schedule.reveal': '답안 공개 시각: 그날 HH:MM, 또는 질문 후 +N h',
  'cmd.schedule.mention': '질문을 올릴 때 알릴 역할 또는 사용자 그룹',
  'schedule.forbidden': '채널을 관리할 수 있는 사람만 일정을 바꿀 수 있습니다.',
  'schedule.invalid': '일정을 바꾸지 않았습니다: {reason}',
  'schedule.needCron':
    '일정을 바꾸지 않았습니다: set에는 cron이 필요합니다. 예: /schedule set cron:"0 9 * * 1-5" timezone:Asia/Seoul reveal:+8h',
  'schedule.saved': '일정 저장: {rule}.\n다음 질문: {next}',
  'schedule.none':
    '이 채널에는 일정이 없습니다. /schedule set cron:"0 9 * * 1-5" timezone:Asia/Seoul 로 설정하세요.',
  'schedule.rule': '{zone} 기준 `{cron}`',
  'schedule.ruleReveal': '{zone} 기준 `{cron}`, 공개 {reveal}',
  'schedule.mention': '{mention} 알림',
  'schedule.header': '일정: {rule}',
  'schedule.pausedState': '일시정지됨: /schedule resume으로 다시 시작합니다.',
  'schedule.next': '다음 질문:',
  'schedule.slot': '- {local} ({utc})',
  'schedule.slotReveal': '- {local} ({utc}) · 공개 {revealLocal} ({revealUtc})',
  'schedule.noNext': '이 규칙에 해당하는 앞으로의 시각이 없습니다.',
  'schedule.lastFailure': '마지막 실패, {when}: {reason}',
  'schedule.skipped': '{slot} 질문은 건너뜁니다.',
  'schedule.paused': '일시정지했습니다. /schedule resume으로 다시 시작합니다.',
  'schedule.resumed': '다시 시작했습니다. 다음 질문: {next}',
  'schedule.off': '일정을 껐습니다. 답변과 기록은 그대로 남습니다.',
  'schedule.missingPermissions':
    '일정을 바꾸지 않았습니다: 이 채널에서 봇에게 {permissions} 권한이 없습니다.',
  'schedule.skippedMark': '건너뜀',
  'platform.missingAccess':
    '봇이 이 채널을 볼 수 없습니다. 봇을 채널에 추가하거나 채널 보기 권한을 주세요',
  'platform.missingPermissions': '이 채널에서 봇에게 권한이 부족합니다. 필요한 권한: {permissions}',
  'platform.unknownChannel': '채널이 없어졌거나 봇에게 보이지 않습니다',
  'platform.notInChannel': '봇이 이 채널에 없습니다. /invite @Drill 로 초대하세요',
  'platform.missingScope':
    'Slack 앱에 {scope} 권한 범위가 없습니다. 앱 설정에서 추가하고 앱을 다시 설치하세요',
  'platform.rateLimited': '플랫폼이 봇의 요청 속도를 제한하고 있습니다. 잠시 후 다시 시도하세요',
  'platform.other': '플랫폼이 거부했습니다: {detail}',
  'name.ask': '질문',
  'name.answer': '답안',
  'name.leaderboard': '순위',
  'name.schedule': '일정',
  'name.topic': '주제',
  'name.period': '기간',
  'name.action': '동작',
  'name.cron': 'cron',
  'name.timezone': '시간대',
  'name.reveal': '공개',
  'name.mention': '알림',
  'error.notSaved':
    '저장하지 못했습니다: {reason}. 아무것도 기록되지 않았으니 잠시 후 다시 시도해 주세요.',
  'store.full': '봇 서버의 디스크가 가득 찼습니다',
  'store.readonly': '봇의 데이터베이스가 읽기 전용입니다',
  'store.busy': '봇의 데이터베이스가 사용 중입니다',
  'store.corrupt': '봇의 데이터베이스 파일이 손상되었습니다',
  'store.io': '봇이 데이터베이스에 쓰지 못했습니다',
  'reply.notSaved': '{name}님, 답변이 저장되지 않았습니다: {reason}. 잠시 후 다시 보내 주세요.',
  'vote.notSaved': '{name}님, 반응이 집계되지 않았습니다: {reason}. 잠시 후 다시 눌러 주세요.',
  'ask.cooldown': '방금 질문을 올리셨습니다. {wait} 후에 다음 질문을 올릴 수 있습니다.',
  'ask.channelCap':
    '이 채널에는 지난 한 시간 동안 연습 질문이 {n}개 올라왔습니다. 다음 질문은 {wait} 후에 올릴 수 있습니다.',
  'schedule.tooOften':
    '일정을 바꾸지 않았습니다: 이 규칙은 {gap} 간격으로 질문을 올리게 됩니다. 질문 사이는 적어도 {min} 떨어져야 합니다.',
  'schedule.mentionEveryone':
    '일정을 바꾸지 않았습니다: {mention} 알림을 보내려면 이 채널에서 봇에게 "@everyone, @here 및 모든 역할 멘션하기" 권한이 필요합니다.',
  'schedule.mentionRole':
    '일정을 바꾸지 않았습니다: {mention} 역할은 멘션할 수 없습니다. 서버 설정에서 역할을 멘션 가능하게 하거나, 이 채널에서 봇에게 "@everyone, @here 및 모든 역할 멘션하기" 권한을 주세요.',
  'schedule.mentionUnknown':
    '일정을 바꾸지 않았습니다: {mention}은(는) 이 서버의 역할, 멤버, @everyone, @here가 아닙니다.',
  'console.tooLong':
    '이 줄은 {length}자입니다. 최대 {max}자까지 받을 수 있습니다. 저장하지 않았으니 줄여서 다시 보내 주세요.',
  'duration.seconds': '{n}초',
  'duration.minutes': '{n}분',
  'duration.hours': '{n}시간',
  'startup.dbCorrupt':
    '{variable}={path}: Drill 데이터베이스가 아니거나 손상된 파일입니다 ({detail}). 백업에서 복원하거나 {variable}를 새 파일로 지정하세요.',
  'startup.dbReadonly':
    '{variable}={path}: 데이터베이스에 쓸 수 없습니다 ({detail}). Drill을 실행하는 사용자가 파일과 폴더에 쓸 수 있게 하거나 {variable}를 쓸 수 있는 곳으로 지정하세요.',
  'startup.dbCannotOpen':
    '{variable}={path}: 데이터베이스를 열 수 없습니다 ({detail}). Drill이 그 폴더를 만들고 읽고 쓸 수 있는지 확인하거나 {variable}를 다른 곳으로 지정하세요.',
  'startup.dbFull':
    '{variable}={path}: 디스크가 가득 찼습니다 ({detail}). 공간을 확보하거나 {variable}를 다른 디스크로 지정하세요.',
  'startup.dbNewer':
    '{variable}={path}: 더 새로운 Drill이 만든 데이터베이스입니다 (스키마 {found}, 이 Drill이 아는 최신은 {known}). Drill을 업데이트하거나 {variable}를 다른 파일로 지정하세요.',
  'startup.tokenRefused':
    '{platform}이(가) 토큰을 거부했습니다 ({detail}). .env의 {variable} 값을 앱 설정에서 다시 복사하세요.',
  'startup.platformFailed':
    '{platform}에 연결하지 못했습니다 ({detail}). 네트워크와 .env 설정을 확인하세요.',
  // Interaction layer (buttons and forms)
  'interaction.stale': '이 버튼은 여기서 더 이상 쓸 수 없습니다. 명령어를 사용해 주세요.',
  'interaction.formLate': '입력 창을 여는 데 시간이 너무 걸렸습니다. 버튼을 다시 눌러 주세요.',
  'form.close': '취소',
  'console.formStart':
    '{title}: 항목마다 한 줄씩 입력하거나, 한 줄에 a | b | c 처럼 모두 입력하세요. /cancel로 취소합니다.',
  'console.formField': '{label}:',
  'console.formCancelled': '입력을 취소했습니다. 아무것도 보내지 않았습니다.',
  'console.pressUsage': '사용법: /press <버튼>, 메시지의 버튼 줄에 나온 그대로 입력하세요.',
  // 휴일 건너뛰기 (issue 17): /schedule skip|unskip date:
  'cmd.schedule.date': 'skip, unskip할 휴일: 채널 시간대 기준 YYYY-MM-DD',
  'name.date': '날짜',
  'skip.badDate': '“{date}”은(는) 날짜가 아닙니다. 2026-12-25처럼 YYYY-MM-DD로 적어 주세요.',
  'skip.past': '{date}은(는) 이 채널 시간대로 이미 지난 날짜입니다.',
  'skip.tooMany':
    '이 채널에는 이미 앞으로의 휴일이 {max}개 있습니다. 먼저 /schedule unskip date:YYYY-MM-DD로 하나를 지워 주세요.',
  'skip.added': '{date}({zone})에는 질문을 올리지 않습니다.',
  'skip.already': '{date}은(는) 이미 휴일이라 그날은 질문을 올리지 않습니다.',
  'skip.removed': '{date}을(를) 휴일에서 뺐습니다. 그날 질문은 일정대로 올라갑니다.',
  'skip.notThere': '{date}은(는) 이 채널의 휴일이 아닙니다. 휴일: {dates}',
  'skip.needDate': '어느 날짜인가요? /schedule unskip date:YYYY-MM-DD',
  'skip.none': '없음',
  'schedule.holidays': '휴일 (질문 없음): {dates}',
  'schedule.holidayMark': '휴일',
  // 기록 내보내기 (issue 17): /export
  'cmd.export': '관리자용: 이 채널의 기록(질문과 답변)을 CSV 파일로 보냅니다',
  'name.export': '내보내기',
  'export.forbidden': '채널을 관리할 수 있는 사람만 기록을 내보낼 수 있습니다.',
  'export.empty': '이 채널에는 아직 올라온 질문이 없어 내보낼 기록이 없습니다.',
  'export.sent': '기록을 CSV 파일로 보냈습니다: 질문 {drops}개, 답변 {answers}개.',
  'export.fileTitle': '{date}까지의 Drill 기록 (질문 {drops}개)',
  // 답변 알림 (issue 17): /settings nudge, /settings nudge-me
  'nudge.text': '{left} 뒤에 모범 답안이 공개됩니다. 아직 이 스레드에 답을 남길 시간이 있어요.',
  'nudge.badHours':
    '“{value}”은(는) 시간 수가 아닙니다. 1부터 {max} 사이의 숫자나 off를 적어 주세요.',
  'nudge.set':
    '최근에 답했지만 이번 질문에는 아직 답하지 않은 멤버에게 공개 {hours}시간 전에 알려 드립니다.',
  'nudge.off': '공개 전 알림을 끕니다.',
  'nudge.noReveal':
    '알림은 예약된 공개 전에 보내집니다. /schedule set … reveal:+8h처럼 공개 시각을 정해야 알림이 갑니다.',
  'nudgeMe.off': '이 워크스페이스의 알림에서 회원님을 부르지 않습니다.',
  'nudgeMe.on': '아직 답하지 않았을 때 다시 알려 드립니다.',
};
