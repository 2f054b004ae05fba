CREATE INDEX `member_counts_member` ON `member_counts` (`channel_id`,`member`,`day`);--> statement-breakpoint
-- Fresh statistics, so that a database analyzed before keeps the leaderboard on its own index.
ANALYZE `member_counts`;
