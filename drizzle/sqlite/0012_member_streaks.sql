ALTER TABLE `drops` ADD `seq` integer;--> statement-breakpoint
CREATE INDEX `drops_seq` ON `drops` (`channel_id`,`seq`);--> statement-breakpoint
ALTER TABLE `member_counts` ADD `streak_seq` integer;--> statement-breakpoint
ALTER TABLE `member_counts` ADD `streak` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Streaks kept as answers come and go, so a leaderboard reads them from one row per member.
-- A posted drop gets its place in its channel's order (seq 1, 2, …); a holiday's or a missed
-- slot's row is never posted, so it breaks no run. An all-time row of member_counts keeps the
-- seq of the member's latest answered drop (streak_seq) and the run of drops in a row they
-- answered up to it (streak); the reader compares streak_seq with the channel's latest drop.
UPDATE `drops` SET `seq` = x.n FROM (
  SELECT `id`, row_number() OVER (PARTITION BY `channel_id` ORDER BY `posted_at`, `id`) AS n
  FROM `drops` WHERE `status` = 'posted'
) AS x WHERE `drops`.`id` = x.`id`;
--> statement-breakpoint
CREATE TRIGGER `drops_seq_insert` AFTER INSERT ON `drops` WHEN NEW.status = 'posted' BEGIN
  UPDATE `drops` SET `seq` = (SELECT coalesce(max(`seq`), 0) + 1 FROM `drops` WHERE `channel_id` = NEW.channel_id)
    WHERE `id` = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `drops_seq_posted` AFTER UPDATE OF `status` ON `drops`
  WHEN NEW.status = 'posted' AND OLD.status <> 'posted' BEGIN
  UPDATE `drops` SET `seq` = (SELECT coalesce(max(`seq`), 0) + 1 FROM `drops` WHERE `channel_id` = NEW.channel_id)
    WHERE `id` = NEW.id;
END;
--> statement-breakpoint
-- An answer to the drop after the member's latest answered one adds one to the run; a later
-- drop starts a new run; an answer to an earlier drop (two drops open at once) counts the run
-- again: its length is the distance back to the nearest drop among the last 400 they did not
-- answer (a streak shows at most 400).
DROP TRIGGER `member_counts_answer`;
--> statement-breakpoint
CREATE TRIGGER `member_counts_answer` AFTER INSERT ON `replies` WHEN NEW.counted BEGIN
  INSERT INTO `member_counts` (`channel_id`, `day`, `member`, `name`, `answers`, `streak_seq`, `streak`)
    SELECT d.channel_id, k.day, NEW.member, NEW.member_name, 1,
      CASE WHEN k.day = '' THEN d.seq END,
      CASE WHEN k.day = '' AND d.seq IS NOT NULL THEN 1 ELSE 0 END
    FROM `drops` d,
      (SELECT '' AS day UNION ALL SELECT coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch'))) k
    WHERE d.id = NEW.drop_id
  ON CONFLICT (`channel_id`, `day`, `member`) DO UPDATE SET
    `answers` = `answers` + 1,
    `name` = excluded.name,
    `streak` = CASE
      WHEN excluded.streak_seq IS NULL THEN `streak`
      WHEN `streak_seq` IS NULL OR excluded.streak_seq > `streak_seq` + 1 THEN 1
      WHEN excluded.streak_seq = `streak_seq` + 1 THEN `streak` + 1
      ELSE `streak_seq` - coalesce((
        SELECT max(d.seq) FROM `drops` d
        WHERE d.channel_id = excluded.channel_id
          AND d.seq BETWEEN `member_counts`.`streak_seq` - 400 AND `member_counts`.`streak_seq`
          AND NOT EXISTS (SELECT 1 FROM `replies` r WHERE r.drop_id = d.id AND r.member = NEW.member AND r.counted)
      ), max(`streak_seq` - 401, 0))
    END,
    `streak_seq` = CASE WHEN excluded.streak_seq IS NULL THEN `streak_seq`
      ELSE max(coalesce(`streak_seq`, 0), excluded.streak_seq) END;
END;
--> statement-breakpoint
-- A deleted answer: the latest answered drop among the 400 up to the old one, and its run.
CREATE TRIGGER `member_streak_unanswer` AFTER DELETE ON `replies` WHEN OLD.counted BEGIN
  UPDATE `member_counts` SET `streak_seq` = (
      SELECT max(d.seq) FROM `drops` d
      WHERE d.channel_id = `member_counts`.`channel_id`
        AND d.seq BETWEEN `member_counts`.`streak_seq` - 400 AND `member_counts`.`streak_seq`
        AND EXISTS (SELECT 1 FROM `replies` r WHERE r.drop_id = d.id AND r.member = OLD.member AND r.counted))
    WHERE `channel_id` = (SELECT `channel_id` FROM `drops` WHERE `id` = OLD.drop_id)
      AND `day` = '' AND `member` = OLD.member AND `streak_seq` IS NOT NULL;
  UPDATE `member_counts` SET `streak` = coalesce(`streak_seq` - coalesce((
      SELECT max(d.seq) FROM `drops` d
      WHERE d.channel_id = `member_counts`.`channel_id`
        AND d.seq BETWEEN `member_counts`.`streak_seq` - 400 AND `member_counts`.`streak_seq`
        AND NOT EXISTS (SELECT 1 FROM `replies` r WHERE r.drop_id = d.id AND r.member = OLD.member AND r.counted)
    ), max(`streak_seq` - 401, 0)), 0)
    WHERE `channel_id` = (SELECT `channel_id` FROM `drops` WHERE `id` = OLD.drop_id)
      AND `day` = '' AND `member` = OLD.member;
END;
--> statement-breakpoint
-- Existing answers: each member's latest answered drop and the run of answers ending there
-- (seq minus the answer's rank is the same along a run).
WITH a AS (
  SELECT d.channel_id AS c, r.member AS m, d.seq AS s
  FROM `replies` r JOIN `drops` d ON d.id = r.drop_id WHERE r.counted AND d.seq IS NOT NULL
), t AS (
  SELECT c, m, max(s) AS top, count(*) AS n FROM a GROUP BY c, m
), g AS (
  SELECT c, m, s - row_number() OVER (PARTITION BY c, m ORDER BY s) AS grp FROM a
)
UPDATE `member_counts` SET `streak_seq` = x.top, `streak` = x.run FROM (
  SELECT t.c, t.m, t.top, count(*) AS run FROM g JOIN t ON g.c = t.c AND g.m = t.m AND g.grp = t.top - t.n
  GROUP BY t.c, t.m, t.top
) AS x WHERE `member_counts`.`channel_id` = x.c AND `member_counts`.`member` = x.m AND `member_counts`.`day` = '';
