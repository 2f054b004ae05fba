CREATE TABLE `mocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace` text DEFAULT '' NOT NULL,
	`channel` text NOT NULL,
	`member` text NOT NULL,
	`questions` text NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`minutes` integer,
	`thread_ref` text,
	`started_at` integer NOT NULL,
	`step_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `mocks_member` ON `mocks` (`platform`,`member`,`finished_at`);--> statement-breakpoint
CREATE TABLE `private_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`member` text NOT NULL,
	`question_id` text NOT NULL,
	`source` text NOT NULL,
	`mock_id` integer,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `private_answers_member` ON `private_answers` (`platform`,`member`,`created_at`);--> statement-breakpoint
CREATE INDEX `private_answers_mock` ON `private_answers` (`mock_id`);--> statement-breakpoint
CREATE TABLE `review_cards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`member` text NOT NULL,
	`question_id` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`state` integer NOT NULL,
	`last_review` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_cards_once` ON `review_cards` (`platform`,`member`,`question_id`);--> statement-breakpoint
CREATE INDEX `review_cards_due` ON `review_cards` (`platform`,`member`,`due`);--> statement-breakpoint
CREATE TABLE `review_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`card_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`source` text NOT NULL,
	`drop_id` integer,
	`before` text,
	`due` integer NOT NULL,
	`reviewed_at` integer NOT NULL,
	FOREIGN KEY (`card_id`) REFERENCES `review_cards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_log_card` ON `review_log` (`card_id`,`id`);--> statement-breakpoint
CREATE INDEX `review_log_time` ON `review_log` (`reviewed_at`);--> statement-breakpoint
CREATE INDEX `review_log_drop` ON `review_log` (`drop_id`);--> statement-breakpoint
CREATE TABLE `review_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`workspace` text DEFAULT '' NOT NULL,
	`member` text NOT NULL,
	`channel_id` integer NOT NULL,
	`enabled` integer NOT NULL,
	`sent_on` text,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_reminders_member` ON `review_reminders` (`platform`,`member`);--> statement-breakpoint
CREATE TABLE `review_screens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`member` text NOT NULL,
	`kind` text NOT NULL,
	`question_id` text NOT NULL,
	`mock_id` integer,
	`revealed` integer DEFAULT false NOT NULL,
	`shown_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_screens_member` ON `review_screens` (`platform`,`member`);--> statement-breakpoint
ALTER TABLE `channels` ADD `digest` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `digest_week` text;