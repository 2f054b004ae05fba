ALTER TABLE `questions` ADD `body` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `format` text DEFAULT 'text' NOT NULL;