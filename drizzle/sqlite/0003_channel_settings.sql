CREATE TABLE `channel_managers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`member` text NOT NULL,
	`added_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_managers_member` ON `channel_managers` (`channel_id`,`member`);--> statement-breakpoint
ALTER TABLE `channels` ADD `answers` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `reveal_by` text DEFAULT 'anyone' NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `banks` text;--> statement-breakpoint
ALTER TABLE `replies` ADD `counted` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `replies_counted` ON `replies` (`drop_id`,`member`) WHERE counted;