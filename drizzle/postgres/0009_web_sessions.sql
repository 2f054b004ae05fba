CREATE TABLE "web_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"member" text NOT NULL,
	"name" text NOT NULL,
	"workspace" text NOT NULL,
	"token" text NOT NULL,
	"csrf" text NOT NULL,
	"locale" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "web_sessions_expires" ON "web_sessions" USING btree ("expires_at");