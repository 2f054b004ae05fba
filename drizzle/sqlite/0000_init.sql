CREATE TABLE `banks` (
	`name` text PRIMARY KEY NOT NULL,
	`file` text NOT NULL,
	`content_hash` text NOT NULL,
	`question_count` integer NOT NULL,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace` text DEFAULT '' NOT NULL,
	`channel` text NOT NULL,
	`locale` text NOT NULL,
	`cron` text,
	`timezone` text,
	`reveal` text,
	`mention` text,
	`paused` integer DEFAULT false NOT NULL,
	`schedule_since` integer,
	`bag_round` integer DEFAULT 1 NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_address` ON `channels` (`platform`,`workspace`,`channel`);--> statement-breakpoint
CREATE TABLE `drops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`question_id` text,
	`slot` text NOT NULL,
	`status` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`message_ref` text,
	`thread_ref` text,
	`reveal_due_at` integer,
	`revealed_at` integer,
	`reveal_ref` text,
	`error` text,
	`created_at` integer NOT NULL,
	`claimed_at` integer NOT NULL,
	`posted_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drops_slot` ON `drops` (`channel_id`,`slot`);--> statement-breakpoint
CREATE INDEX `drops_thread` ON `drops` (`thread_ref`);--> statement-breakpoint
CREATE INDEX `drops_question` ON `drops` (`channel_id`,`question_id`,`round`);--> statement-breakpoint
CREATE INDEX `drops_reveal` ON `drops` (`reveal_ref`);--> statement-breakpoint
CREATE INDEX `drops_open` ON `drops` (`channel_id`,`revealed_at`);--> statement-breakpoint
CREATE INDEX `drops_status` ON `drops` (`status`,`claimed_at`);--> statement-breakpoint
CREATE INDEX `drops_reveal_due` ON `drops` (`reveal_due_at`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`bank` text NOT NULL,
	`section` text NOT NULL,
	`number` text,
	`prompt` text NOT NULL,
	`answer` text NOT NULL,
	`notes` text NOT NULL,
	`references` text NOT NULL,
	`parent` text,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`source_file` text NOT NULL,
	`source_line` integer NOT NULL,
	`retired` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questions_bank` ON `questions` (`bank`);--> statement-breakpoint
CREATE INDEX `questions_section` ON `questions` (`section`);--> statement-breakpoint
CREATE TABLE `replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drop_id` integer NOT NULL,
	`member` text NOT NULL,
	`member_name` text NOT NULL,
	`message_ref` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	FOREIGN KEY (`drop_id`) REFERENCES `drops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `replies_message` ON `replies` (`drop_id`,`message_ref`);--> statement-breakpoint
CREATE INDEX `replies_ref` ON `replies` (`message_ref`);--> statement-breakpoint
CREATE INDEX `replies_time` ON `replies` (`created_at`);--> statement-breakpoint
CREATE TABLE `votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drop_id` integer NOT NULL,
	`voter` text NOT NULL,
	`target` text NOT NULL,
	`reply_id` integer,
	`emoji` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`drop_id`) REFERENCES `drops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reply_id`) REFERENCES `replies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `votes_once` ON `votes` (`drop_id`,`voter`,`target`,`emoji`);--> statement-breakpoint
CREATE INDEX `votes_reply` ON `votes` (`reply_id`);--> statement-breakpoint
CREATE INDEX `votes_target` ON `votes` (`target`);