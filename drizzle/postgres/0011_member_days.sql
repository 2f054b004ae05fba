CREATE INDEX "member_counts_member" ON "member_counts" USING btree ("channel_id","member","day");--> statement-breakpoint
ANALYZE "member_counts";
