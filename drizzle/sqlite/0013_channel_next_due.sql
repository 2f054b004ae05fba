ALTER TABLE `channels` ADD `next_due_at` integer;--> statement-breakpoint
CREATE INDEX `channels_next_due` ON `channels` (`next_due_at`) WHERE "channels"."cron" is not null;