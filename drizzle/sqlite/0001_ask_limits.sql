ALTER TABLE `drops` ADD `asked_by` text;--> statement-breakpoint
CREATE INDEX `drops_asked_by` ON `drops` (`asked_by`,`created_at`);