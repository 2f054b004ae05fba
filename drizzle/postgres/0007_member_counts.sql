CREATE TABLE "member_counts" (
	"channel_id" integer NOT NULL,
	"day" text NOT NULL,
	"member" text NOT NULL,
	"name" text NOT NULL,
	"answers" integer DEFAULT 0 NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "member_counts_channel_id_day_member_pk" PRIMARY KEY("channel_id","day","member")
);
--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "day" text;--> statement-breakpoint
ALTER TABLE "member_counts" ADD CONSTRAINT "member_counts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Counted answers and votes received, per member, channel and local day (and '' for all time),
-- kept by the database itself as replies and votes come and go. A reply's day is written by
-- Drill in the channel's zone; replies stored before this migration count on their UTC date.
CREATE FUNCTION "member_counts_day"("day" text, "created_at" bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce("day", to_char(to_timestamp("created_at" / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
$$;
--> statement-breakpoint
CREATE FUNCTION "member_counts_on_reply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ch integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.counted THEN
      SELECT "channel_id" INTO ch FROM "drops" WHERE "id" = NEW.drop_id;
      INSERT INTO "member_counts" ("channel_id", "day", "member", "name", "answers")
        VALUES (ch, '', NEW.member, NEW.member_name, 1),
               (ch, member_counts_day(NEW.day, NEW.created_at), NEW.member, NEW.member_name, 1)
        ON CONFLICT ("channel_id", "day", "member")
        DO UPDATE SET "answers" = "member_counts"."answers" + 1, "name" = excluded."name";
    END IF;
    RETURN NULL;
  END IF;
  -- Before the row goes, so the votes on it (removed with it by the foreign key) are still there.
  IF OLD.counted THEN
    SELECT "channel_id" INTO ch FROM "drops" WHERE "id" = OLD.drop_id;
    UPDATE "member_counts"
      SET "answers" = "answers" - 1,
          "votes" = "votes" - (SELECT count(*) FROM "votes" WHERE "reply_id" = OLD.id)
      WHERE "channel_id" = ch AND "member" = OLD.member
        AND "day" IN ('', member_counts_day(OLD.day, OLD.created_at));
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER "member_counts_answer" AFTER INSERT ON "replies"
  FOR EACH ROW EXECUTE FUNCTION "member_counts_on_reply"();
--> statement-breakpoint
CREATE TRIGGER "member_counts_unanswer" BEFORE DELETE ON "replies"
  FOR EACH ROW EXECUTE FUNCTION "member_counts_on_reply"();
--> statement-breakpoint
-- A vote removed with its reply finds the reply gone and changes nothing: the reply's own
-- trigger took its votes off.
CREATE FUNCTION "member_counts_on_vote"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE target integer; delta integer;
BEGIN
  IF TG_OP = 'INSERT' THEN target := NEW.reply_id; delta := 1;
  ELSE target := OLD.reply_id; delta := -1; END IF;
  IF target IS NOT NULL THEN
    UPDATE "member_counts" m SET "votes" = m."votes" + delta
      FROM "replies" r JOIN "drops" d ON d."id" = r."drop_id"
      WHERE r."id" = target AND r."counted" AND m."channel_id" = d."channel_id"
        AND m."member" = r."member" AND m."day" IN ('', member_counts_day(r."day", r."created_at"));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "member_counts_vote" AFTER INSERT OR DELETE ON "votes"
  FOR EACH ROW EXECUTE FUNCTION "member_counts_on_vote"();
--> statement-breakpoint
INSERT INTO "member_counts" ("channel_id", "day", "member", "name", "answers", "votes")
  SELECT "channel_id", "day", "member", max("name"), count(*), sum("v") FROM (
    SELECT d."channel_id", member_counts_day(NULL, r."created_at") AS "day", r."member",
      r."member_name" AS "name",
      (SELECT count(*) FROM "votes" v WHERE v."reply_id" = r."id") AS "v"
    FROM "replies" r JOIN "drops" d ON d."id" = r."drop_id" WHERE r."counted"
  ) x GROUP BY "channel_id", "day", "member";
--> statement-breakpoint
INSERT INTO "member_counts" ("channel_id", "day", "member", "name", "answers", "votes")
  SELECT "channel_id", '', "member", max("name"), sum("answers"), sum("votes")
  FROM "member_counts" WHERE "day" <> '' GROUP BY "channel_id", "member";
