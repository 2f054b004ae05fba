ALTER TABLE "channels" ADD COLUMN "next_due_at" bigint;--> statement-breakpoint
CREATE INDEX "channels_next_due" ON "channels" USING btree ("next_due_at") WHERE "channels"."cron" is not null;