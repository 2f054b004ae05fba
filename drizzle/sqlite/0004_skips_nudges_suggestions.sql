CREATE TABLE `nudge_opt_outs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`member` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nudge_opt_outs_member` ON `nudge_opt_outs` (`platform`,`workspace`,`member`);--> statement-breakpoint
CREATE TABLE `schedule_skips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`date` text NOT NULL,
	`added_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_skips_date` ON `schedule_skips` (`channel_id`,`date`);--> statement-breakpoint
CREATE TABLE `suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`member` text NOT NULL,
	`member_name` text NOT NULL,
	`section` text NOT NULL,
	`prompt` text NOT NULL,
	`answer` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`question_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestions_channel` ON `suggestions` (`channel_id`,`status`);--> statement-breakpoint
CREATE INDEX `suggestions_member` ON `suggestions` (`member`,`status`);--> statement-breakpoint
ALTER TABLE `channels` ADD `nudge_hours` integer;--> statement-breakpoint
ALTER TABLE `drops` ADD `nudged_at` integer;--> statement-breakpoint
ALTER TABLE `questions` ADD `owner` text;--> statement-breakpoint
CREATE INDEX `questions_owner` ON `questions` (`owner`);