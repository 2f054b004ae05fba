ALTER TABLE "drops" ADD COLUMN "seq" integer;--> statement-breakpoint
ALTER TABLE "member_counts" ADD COLUMN "streak_seq" integer;--> statement-breakpoint
ALTER TABLE "member_counts" ADD COLUMN "streak" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "drops_seq" ON "drops" USING btree ("channel_id","seq");--> statement-breakpoint
-- Streaks kept as answers come and go, so a leaderboard reads them from one row per member.
-- A posted drop gets its place in its channel's order (seq 1, 2, …); a holiday's or a missed
-- slot's row is never posted, so it breaks no run. An all-time row of member_counts keeps the
-- seq of the member's latest answered drop (streak_seq) and the run of drops in a row they
-- answered up to it (streak); the reader compares streak_seq with the channel's latest drop.
UPDATE "drops" SET "seq" = x.n FROM (
  SELECT "id", row_number() OVER (PARTITION BY "channel_id" ORDER BY "posted_at", "id") AS n
  FROM "drops" WHERE "status" = 'posted'
) AS x WHERE "drops"."id" = x."id";
--> statement-breakpoint
-- Two drops of one channel posted at once take their places in turn (a lock per channel, held
-- to the commit).
CREATE FUNCTION "drops_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'posted' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'posted') THEN
    PERFORM pg_advisory_xact_lock(1936027745, NEW.channel_id);
    NEW.seq := (SELECT coalesce(max("seq"), 0) + 1 FROM "drops" WHERE "channel_id" = NEW.channel_id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "drops_seq" BEFORE INSERT OR UPDATE OF "status" ON "drops"
  FOR EACH ROW EXECUTE FUNCTION "drops_seq"();
--> statement-breakpoint
-- The run of drops in a row the member answered up to drop `top`: the distance back to the
-- nearest drop among the last 400 they did not answer (a streak shows at most 400). `gone` is an
-- answer being deleted, still in the table.
CREATE FUNCTION "member_streak_run"("ch" integer, "mem" text, "top" integer, "gone" integer) RETURNS integer
  LANGUAGE sql STABLE AS $$
  SELECT "top" - coalesce((
    SELECT max(d."seq") FROM "drops" d
    WHERE d."channel_id" = "ch" AND d."seq" BETWEEN "top" - 400 AND "top"
      AND NOT EXISTS (SELECT 1 FROM "replies" r
        WHERE r."drop_id" = d."id" AND r."member" = "mem" AND r."counted" AND r."id" <> "gone")
  ), greatest("top" - 401, 0))
$$;
--> statement-breakpoint
-- An answer to the drop after the member's latest answered one adds one to the run; a later
-- drop starts a new run; an answer to an earlier drop (two drops open at once) counts the run
-- again. A deleted answer: the latest answered drop among the 400 up to the old one, and its run.
CREATE OR REPLACE FUNCTION "member_counts_on_reply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ch integer; s integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.counted THEN
      SELECT "channel_id", "seq" INTO ch, s FROM "drops" WHERE "id" = NEW.drop_id;
      INSERT INTO "member_counts" AS m ("channel_id", "day", "member", "name", "answers", "streak_seq", "streak")
        VALUES (ch, '', NEW.member, NEW.member_name, 1, s, CASE WHEN s IS NULL THEN 0 ELSE 1 END),
               (ch, member_counts_day(NEW.day, NEW.created_at), NEW.member, NEW.member_name, 1, NULL, 0)
        ON CONFLICT ("channel_id", "day", "member")
        DO UPDATE SET "answers" = m."answers" + 1, "name" = excluded."name",
          "streak" = CASE
            WHEN excluded."streak_seq" IS NULL THEN m."streak"
            WHEN m."streak_seq" IS NULL OR excluded."streak_seq" > m."streak_seq" + 1 THEN 1
            WHEN excluded."streak_seq" = m."streak_seq" + 1 THEN m."streak" + 1
            ELSE member_streak_run(ch, NEW.member, m."streak_seq", 0)
          END,
          "streak_seq" = CASE WHEN excluded."streak_seq" IS NULL THEN m."streak_seq"
            ELSE greatest(m."streak_seq", excluded."streak_seq") END;
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
    UPDATE "member_counts" m SET "streak_seq" = (
        SELECT max(d."seq") FROM "drops" d
        WHERE d."channel_id" = ch AND d."seq" BETWEEN m."streak_seq" - 400 AND m."streak_seq"
          AND EXISTS (SELECT 1 FROM "replies" r
            WHERE r."drop_id" = d."id" AND r."member" = OLD.member AND r."counted" AND r."id" <> OLD.id))
      WHERE m."channel_id" = ch AND m."day" = '' AND m."member" = OLD.member AND m."streak_seq" IS NOT NULL;
    UPDATE "member_counts" m
      SET "streak" = coalesce(member_streak_run(ch, OLD.member, m."streak_seq", OLD.id), 0)
      WHERE m."channel_id" = ch AND m."day" = '' AND m."member" = OLD.member;
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
-- Existing answers: each member's latest answered drop and the run of answers ending there
-- (seq minus the answer's rank is the same along a run).
WITH a AS (
  SELECT d."channel_id" AS c, r."member" AS m, d."seq" AS s
  FROM "replies" r JOIN "drops" d ON d."id" = r."drop_id" WHERE r."counted" AND d."seq" IS NOT NULL
), t AS (
  SELECT c, m, max(s) AS top, count(*) AS n FROM a GROUP BY c, m
), g AS (
  SELECT c, m, s - row_number() OVER (PARTITION BY c, m ORDER BY s) AS grp FROM a
)
UPDATE "member_counts" SET "streak_seq" = x.top, "streak" = x.run FROM (
  SELECT t.c, t.m, t.top, count(*) AS run FROM g JOIN t ON g.c = t.c AND g.m = t.m AND g.grp = t.top - t.n
  GROUP BY t.c, t.m, t.top
) AS x WHERE "member_counts"."channel_id" = x.c AND "member_counts"."member" = x.m AND "member_counts"."day" = '';
