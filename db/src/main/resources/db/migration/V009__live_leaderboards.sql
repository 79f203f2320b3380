-- Live leaderboards (README "Leaderboards"): a tournament's leaderboard message in a channel an admin picks, edited
-- (never reposted) after every change of the tournament's standings. The database is the truth: a version per
-- tournament is bumped in the transaction of every change that can move a number of its leaderboard, and
-- pg_notify('leaderboard_changed', tournament id) wakes the bot processes at its commit; the bot edits the message of
-- each tournament whose posted version is behind, claiming the edit with a conditional update.

alter table tournament
    add column leaderboard_version        bigint not null default 0, -- bumped by every change of its standings
    add column leaderboard_changed_at     timestamptz,               -- when it was last bumped
    add column leaderboard_channel_id     bigint,                    -- the channel of its live leaderboard message
    add column leaderboard_message_id     bigint,                    -- that message, or null when none is posted
    add column leaderboard_posted_version bigint not null default 0, -- the version the message was last edited for
    add column leaderboard_posted_at      timestamptz;               -- when that edit was claimed (bot's clock)

-- The tournaments with a live message, for the updater's look-up of those behind.
create index tournament_live_leaderboard_idx on tournament (id) where leaderboard_message_id is not null;

-- Bumps the leaderboard version of these tournaments (duplicates and nulls ignored), once per tournament and
-- transaction (the tournaments already bumped are remembered in a transaction-local setting: a sweep forfeiting
-- 10,000 races of one tournament writes its row once), and notifies the bot processes (delivered at commit). The rows
-- are locked in id order, so two statements bumping several tournaments never deadlock on each other.
create function leaderboard_changed(tournament_ids bigint[]) returns void language plpgsql as $$
declare
    bumped text := coalesce(current_setting('async_tournament.leaderboard_bumped', true), '');
    todo bigint[];
begin
    select array_agg(distinct id order by id) into todo from unnest(tournament_ids) as ids(id)
     where id is not null and position(',' || id || ',' in bumped) = 0;
    if todo is null then
        return;
    end if;
    with locked as (select id from tournament where id = any(todo) order by id for no key update)
    update tournament t set leaderboard_version = t.leaderboard_version + 1, leaderboard_changed_at = now()
      from locked where t.id = locked.id;
    perform pg_notify('leaderboard_changed', id::text) from unnest(todo) as ids(id);
    perform set_config('async_tournament.leaderboard_bumped',
                       (case when bumped = '' then ',' else bumped end) || array_to_string(todo, ',') || ',', true);
end $$;

-- A race row changed in a way that can move a leaderboard number: its status (apart from pending <-> in progress,
-- both without a score), time, reattempt, review, or what it belongs to. Row-level with a WHEN clause, evaluated
-- without calling the function: Ready and the warning sweep never call it.
create function race_leaderboard_changed() returns trigger language plpgsql as $$
begin
    perform leaderboard_changed(array[old.tournament_id, new.tournament_id]);
    return null;
end $$;

create trigger race_leaderboard_update
    after update on race
    for each row
    when ((old.status is distinct from new.status
              and not (old.status in ('pending', 'in_progress') and new.status in ('pending', 'in_progress')))
          or old.elapsed_seconds is distinct from new.elapsed_seconds
          or old.reattempted is distinct from new.reattempted
          or old.review_status is distinct from new.review_status
          or old.permalink_id is distinct from new.permalink_id
          or old.racer_id is distinct from new.racer_id
          or old.tournament_id is distinct from new.tournament_id)
    execute function race_leaderboard_changed();

-- A new race puts its racer on the leaderboard (a pending run counts as an empty slot); a deleted one takes it off.
create function race_rows_leaderboard_changed() returns trigger language plpgsql as $$
begin
    perform leaderboard_changed(array(select distinct tournament_id from changed_races));
    return null;
end $$;

create trigger race_leaderboard_insert
    after insert on race referencing new table as changed_races
    for each statement execute function race_rows_leaderboard_changed();

create trigger race_leaderboard_delete
    after delete on race referencing old table as changed_races
    for each statement execute function race_rows_leaderboard_changed();

-- A pool added or removed changes every racer's score (the mean is over pools x runs_per_pool slots).
create function pool_rows_leaderboard_changed() returns trigger language plpgsql as $$
begin
    perform leaderboard_changed(array(select distinct tournament_id from changed_pools));
    return null;
end $$;

create trigger pool_leaderboard_insert
    after insert on pool referencing new table as changed_pools
    for each statement execute function pool_rows_leaderboard_changed();

create trigger pool_leaderboard_delete
    after delete on pool referencing old table as changed_pools
    for each statement execute function pool_rows_leaderboard_changed();

-- Closing or opening a tournament shows or hides its results (hide_results); its name, slots and hide_results are
-- on the message too. Bumped in the row itself, before it is written.
create function tournament_leaderboard_changed() returns trigger language plpgsql as $$
begin
    new.leaderboard_version := old.leaderboard_version + 1;
    new.leaderboard_changed_at := now();
    perform pg_notify('leaderboard_changed', new.id::text);
    return new;
end $$;

create trigger tournament_leaderboard_update
    before update on tournament
    for each row
    when (old.active is distinct from new.active or old.hide_results is distinct from new.hide_results
          or old.name is distinct from new.name or old.runs_per_pool is distinct from new.runs_per_pool)
    execute function tournament_leaderboard_changed();
