CREATE TABLE `coach_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`member` text NOT NULL,
	`channel_id` integer,
	`question_id` text NOT NULL,
	`reply_id` integer,
	`private_answer_id` integer,
	`answer` text NOT NULL,
	`verdict` text NOT NULL,
	`covered` integer NOT NULL,
	`total` integer NOT NULL,
	`critique` text,
	`model_status` text,
	`revealed` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coach_feedback_member` ON `coach_feedback` (`platform`,`member`,`created_at`);--> statement-breakpoint
CREATE INDEX `coach_feedback_channel` ON `coach_feedback` (`channel_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `coach_feedback_reply` ON `coach_feedback` (`reply_id`);--> statement-breakpoint
ALTER TABLE `channels` ADD `coach_model` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `coach` integer DEFAULT true NOT NULL;