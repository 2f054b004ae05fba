DROP INDEX `questions_owner`;--> statement-breakpoint
CREATE INDEX `questions_pool` ON `questions` (`owner`,`retired`,`kind`,`id`,`bank`,`section`);