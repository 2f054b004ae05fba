CREATE TABLE "mocks" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text DEFAULT '' NOT NULL,
	"channel" text NOT NULL,
	"member" text NOT NULL,
	"questions" jsonb NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"minutes" integer,
	"thread_ref" text,
	"started_at" bigint NOT NULL,
	"step_at" bigint NOT NULL,
	"finished_at" bigint
);
--> statement-breakpoint
CREATE TABLE "private_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"member" text NOT NULL,
	"question_id" text NOT NULL,
	"source" text NOT NULL,
	"mock_id" integer,
	"text" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_cards" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"member" text NOT NULL,
	"question_id" text NOT NULL,
	"due" bigint NOT NULL,
	"stability" double precision NOT NULL,
	"difficulty" double precision NOT NULL,
	"scheduled_days" integer NOT NULL,
	"learning_steps" integer NOT NULL,
	"reps" integer NOT NULL,
	"lapses" integer NOT NULL,
	"state" integer NOT NULL,
	"last_review" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"card_id" integer NOT NULL,
	"rating" integer NOT NULL,
	"source" text NOT NULL,
	"drop_id" integer,
	"before" jsonb,
	"due" bigint NOT NULL,
	"reviewed_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text DEFAULT '' NOT NULL,
	"member" text NOT NULL,
	"channel_id" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"sent_on" text
);
--> statement-breakpoint
CREATE TABLE "review_screens" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"member" text NOT NULL,
	"kind" text NOT NULL,
	"question_id" text NOT NULL,
	"mock_id" integer,
	"revealed" boolean DEFAULT false NOT NULL,
	"shown_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "digest" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "digest_week" text;--> statement-breakpoint
ALTER TABLE "private_answers" ADD CONSTRAINT "private_answers_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_log" ADD CONSTRAINT "review_log_card_id_review_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."review_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reminders" ADD CONSTRAINT "review_reminders_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mocks_member" ON "mocks" USING btree ("platform","member","finished_at");--> statement-breakpoint
CREATE INDEX "private_answers_member" ON "private_answers" USING btree ("platform","member","created_at");--> statement-breakpoint
CREATE INDEX "private_answers_mock" ON "private_answers" USING btree ("mock_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_cards_once" ON "review_cards" USING btree ("platform","member","question_id");--> statement-breakpoint
CREATE INDEX "review_cards_due" ON "review_cards" USING btree ("platform","member","due");--> statement-breakpoint
CREATE INDEX "review_log_card" ON "review_log" USING btree ("card_id","id");--> statement-breakpoint
CREATE INDEX "review_log_time" ON "review_log" USING btree ("reviewed_at");--> statement-breakpoint
CREATE INDEX "review_log_drop" ON "review_log" USING btree ("drop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_reminders_member" ON "review_reminders" USING btree ("platform","member");--> statement-breakpoint
CREATE UNIQUE INDEX "review_screens_member" ON "review_screens" USING btree ("platform","member");