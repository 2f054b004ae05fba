ALTER TABLE "questions" ADD COLUMN "body" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "format" text DEFAULT 'text' NOT NULL;