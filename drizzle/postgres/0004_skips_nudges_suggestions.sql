CREATE TABLE "nudge_opt_outs" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"member" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedule_skips" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"date" text NOT NULL,
	"added_by" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel_id" integer NOT NULL,
	"member" text NOT NULL,
	"member_name" text NOT NULL,
	"section" text NOT NULL,
	"prompt" text NOT NULL,
	"answer" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"decided_by" text,
	"decided_at" bigint,
	"question_id" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "nudge_hours" integer;--> statement-breakpoint
ALTER TABLE "drops" ADD COLUMN "nudged_at" bigint;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "schedule_skips" ADD CONSTRAINT "schedule_skips_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nudge_opt_outs_member" ON "nudge_opt_outs" USING btree ("platform","workspace","member");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_skips_date" ON "schedule_skips" USING btree ("channel_id","date");--> statement-breakpoint
CREATE INDEX "suggestions_channel" ON "suggestions" USING btree ("channel_id","status");--> statement-breakpoint
CREATE INDEX "suggestions_member" ON "suggestions" USING btree ("member","status");--> statement-breakpoint
CREATE INDEX "questions_owner" ON "questions" USING btree ("owner");