CREATE TABLE "banks" (
	"name" text PRIMARY KEY NOT NULL,
	"file" text NOT NULL,
	"content_hash" text NOT NULL,
	"question_count" integer NOT NULL,
	"synced_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text DEFAULT '' NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"cron" text,
	"timezone" text,
	"reveal" text,
	"mention" text,
	"paused" boolean DEFAULT false NOT NULL,
	"schedule_since" bigint,
	"bag_round" integer DEFAULT 1 NOT NULL,
	"last_error" text,
	"last_error_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drops" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"question_id" text,
	"slot" text NOT NULL,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"message_ref" text,
	"thread_ref" text,
	"reveal_due_at" bigint,
	"revealed_at" bigint,
	"reveal_ref" text,
	"error" text,
	"created_at" bigint NOT NULL,
	"claimed_at" bigint NOT NULL,
	"posted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" text PRIMARY KEY NOT NULL,
	"bank" text NOT NULL,
	"section" text NOT NULL,
	"number" text,
	"prompt" text NOT NULL,
	"answer" text NOT NULL,
	"notes" text NOT NULL,
	"references" jsonb NOT NULL,
	"parent" text,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"source_file" text NOT NULL,
	"source_line" integer NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replies" (
	"id" serial PRIMARY KEY NOT NULL,
	"drop_id" integer NOT NULL,
	"member" text NOT NULL,
	"member_name" text NOT NULL,
	"message_ref" text NOT NULL,
	"text" text NOT NULL,
	"created_at" bigint NOT NULL,
	"edited_at" bigint
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" serial PRIMARY KEY NOT NULL,
	"drop_id" integer NOT NULL,
	"voter" text NOT NULL,
	"target" text NOT NULL,
	"reply_id" integer,
	"emoji" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drops" ADD CONSTRAINT "drops_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drops" ADD CONSTRAINT "drops_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_drop_id_drops_id_fk" FOREIGN KEY ("drop_id") REFERENCES "public"."drops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_drop_id_drops_id_fk" FOREIGN KEY ("drop_id") REFERENCES "public"."drops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_reply_id_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."replies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channels_address" ON "channels" USING btree ("platform","workspace","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "drops_slot" ON "drops" USING btree ("channel_id","slot");--> statement-breakpoint
CREATE INDEX "drops_thread" ON "drops" USING btree ("thread_ref");--> statement-breakpoint
CREATE INDEX "drops_question" ON "drops" USING btree ("channel_id","question_id","round");--> statement-breakpoint
CREATE INDEX "drops_reveal" ON "drops" USING btree ("reveal_ref");--> statement-breakpoint
CREATE INDEX "drops_open" ON "drops" USING btree ("channel_id","revealed_at");--> statement-breakpoint
CREATE INDEX "drops_status" ON "drops" USING btree ("status","claimed_at");--> statement-breakpoint
CREATE INDEX "drops_reveal_due" ON "drops" USING btree ("reveal_due_at");--> statement-breakpoint
CREATE INDEX "questions_bank" ON "questions" USING btree ("bank");--> statement-breakpoint
CREATE INDEX "questions_section" ON "questions" USING btree ("section");--> statement-breakpoint
CREATE UNIQUE INDEX "replies_message" ON "replies" USING btree ("drop_id","message_ref");--> statement-breakpoint
CREATE INDEX "replies_ref" ON "replies" USING btree ("message_ref");--> statement-breakpoint
CREATE INDEX "replies_time" ON "replies" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "votes_once" ON "votes" USING btree ("drop_id","voter","target","emoji");--> statement-breakpoint
CREATE INDEX "votes_reply" ON "votes" USING btree ("reply_id");--> statement-breakpoint
CREATE INDEX "votes_target" ON "votes" USING btree ("target");