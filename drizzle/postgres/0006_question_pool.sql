DROP INDEX "questions_owner";--> statement-breakpoint
CREATE INDEX "questions_pool" ON "questions" USING btree ("owner","retired","kind","id","bank","section");