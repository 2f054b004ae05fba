ALTER TABLE "drops" ADD COLUMN "asked_by" text;--> statement-breakpoint
CREATE INDEX "drops_asked_by" ON "drops" USING btree ("asked_by","created_at");