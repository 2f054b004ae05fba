CREATE TABLE `member_counts` (
	`channel_id` integer NOT NULL,
	`day` text NOT NULL,
	`member` text NOT NULL,
	`name` text NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`channel_id`, `day`, `member`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `replies` ADD `day` text;--> statement-breakpoint
-- Counted answers and votes received, per member, channel and local day (and '' for all time),
-- kept by the database itself as replies and votes come and go. A reply's day is written by
-- Drill in the channel's zone; replies stored before this migration count on their UTC date.
CREATE TRIGGER `member_counts_answer` AFTER INSERT ON `replies` WHEN NEW.counted BEGIN
  INSERT INTO `member_counts` (`channel_id`, `day`, `member`, `name`, `answers`)
    SELECT d.channel_id, k.day, NEW.member, NEW.member_name, 1
    FROM `drops` d,
      (SELECT '' AS day UNION ALL SELECT coalesce(NEW.day, date(NEW.created_at / 1000, 'unixepoch'))) k
    WHERE d.id = NEW.drop_id
  ON CONFLICT (`channel_id`, `day`, `member`) DO UPDATE SET `answers` = `answers` + 1, `name` = excluded.name;
END;
--> statement-breakpoint
-- Before the row goes, so the votes on it (removed with it by the foreign key) are still there.
CREATE TRIGGER `member_counts_unanswer` BEFORE DELETE ON `replies` WHEN OLD.counted BEGIN
  UPDATE `member_counts`
    SET `answers` = `answers` - 1,
        `votes` = `votes` - (SELECT count(*) FROM `votes` WHERE `reply_id` = OLD.id)
    WHERE `channel_id` = (SELECT `channel_id` FROM `drops` WHERE `id` = OLD.drop_id)
      AND `member` = OLD.member
      AND `day` IN ('', coalesce(OLD.day, date(OLD.created_at / 1000, 'unixepoch')));
END;
--> statement-breakpoint
CREATE TRIGGER `member_counts_vote` AFTER INSERT ON `votes` WHEN NEW.reply_id IS NOT NULL BEGIN
  UPDATE `member_counts` SET `votes` = `votes` + 1
    WHERE (`channel_id`, `member`) = (
        SELECT d.channel_id, r.member FROM `replies` r JOIN `drops` d ON d.id = r.drop_id
        WHERE r.id = NEW.reply_id AND r.counted)
      AND `day` IN ('', (SELECT coalesce(`day`, date(`created_at` / 1000, 'unixepoch')) FROM `replies` WHERE `id` = NEW.reply_id));
END;
--> statement-breakpoint
-- A vote removed with its reply finds the reply gone and changes nothing: the reply's own
-- trigger took its votes off.
CREATE TRIGGER `member_counts_unvote` AFTER DELETE ON `votes` WHEN OLD.reply_id IS NOT NULL BEGIN
  UPDATE `member_counts` SET `votes` = `votes` - 1
    WHERE (`channel_id`, `member`) = (
        SELECT d.channel_id, r.member FROM `replies` r JOIN `drops` d ON d.id = r.drop_id
        WHERE r.id = OLD.reply_id AND r.counted)
      AND `day` IN ('', (SELECT coalesce(`day`, date(`created_at` / 1000, 'unixepoch')) FROM `replies` WHERE `id` = OLD.reply_id));
END;
--> statement-breakpoint
INSERT INTO `member_counts` (`channel_id`, `day`, `member`, `name`, `answers`, `votes`)
  SELECT `channel_id`, `day`, `member`, max(`name`), count(*), sum(`v`) FROM (
    SELECT d.channel_id AS `channel_id`, date(r.created_at / 1000, 'unixepoch') AS `day`,
      r.member AS `member`, r.member_name AS `name`,
      (SELECT count(*) FROM `votes` v WHERE v.reply_id = r.id) AS `v`
    FROM `replies` r JOIN `drops` d ON d.id = r.drop_id WHERE r.counted
  ) GROUP BY `channel_id`, `day`, `member`;
--> statement-breakpoint
INSERT INTO `member_counts` (`channel_id`, `day`, `member`, `name`, `answers`, `votes`)
  SELECT `channel_id`, '', `member`, max(`name`), sum(`answers`), sum(`votes`)
  FROM `member_counts` WHERE `day` <> '' GROUP BY `channel_id`, `member`;
