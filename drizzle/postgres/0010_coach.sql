CREATE TABLE "coach_feedback" (
	"id" serial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"member" text NOT NULL,
	"channel_id" integer,
	"question_id" text NOT NULL,
	"reply_id" integer,
	"private_answer_id" integer,
	"answer" text NOT NULL,
	"verdict" text NOT NULL,
	"covered" integer NOT NULL,
	"total" integer NOT NULL,
	"critique" text,
	"model_status" text,
	"revealed" boolean NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "coach_model" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "coach" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "coach_feedback" ADD CONSTRAINT "coach_feedback_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_feedback" ADD CONSTRAINT "coach_feedback_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coach_feedback_member" ON "coach_feedback" USING btree ("platform","member","created_at");--> statement-breakpoint
CREATE INDEX "coach_feedback_channel" ON "coach_feedback" USING btree ("channel_id","created_at");--> statement-breakpoint
CREATE INDEX "coach_feedback_reply" ON "coach_feedback" USING btree ("reply_id");