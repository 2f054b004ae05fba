CREATE TABLE "channel_managers" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"member" text NOT NULL,
	"added_by" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "answers" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "reveal_by" text DEFAULT 'anyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "banks" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "counted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_managers" ADD CONSTRAINT "channel_managers_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_managers_member" ON "channel_managers" USING btree ("channel_id","member");--> statement-breakpoint
CREATE UNIQUE INDEX "replies_counted" ON "replies" USING btree ("drop_id","member") WHERE counted;