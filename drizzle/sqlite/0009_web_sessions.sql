CREATE TABLE `web_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`member` text NOT NULL,
	`name` text NOT NULL,
	`workspace` text NOT NULL,
	`token` text NOT NULL,
	`csrf` text NOT NULL,
	`locale` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `web_sessions_expires` ON `web_sessions` (`expires_at`);