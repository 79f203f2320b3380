-- Live leaderboards (README "Leaderboards"): a tournament's leaderboard message in a channel an admin picks, edited
-- (never reposted) after every change of the tournament's standings. The database is the truth: every change that can
-- move a number of a leaderboard with a live message inserts a row into leaderboard_change in the change's own
-- transaction, and pg_notify('leaderboard_changed', tournament id) wakes the bot processes at its commit; the bot
-- claims the tournaments with change rows by deleting those rows, then edits their messages.
--
-- The signal takes no lock on the tournament row (it only reads it and inserts): a timeout sweep forfeiting race R0
-- and a racer finishing race R1 of one tournament never wait on each other through the tournament (an UPDATE of the
-- tournament row here made that a deadlock cycle), and the finishes of one tournament do not queue behind each other.

alter table tournament
    add column leaderboard_channel_id bigint,      -- the channel of its live leaderboard message
    add column leaderboard_message_id bigint,      -- that message, or null when none is posted
    add column leaderboard_posted_at  timestamptz; -- when its last post or edit was claimed (bot's clock)

-- The tournaments with a live message, for the updater's look-up of those with changes.
create index tournament_live_leaderboard_idx on tournament (id) where leaderboard_message_id is not null;

-- One row per change transaction and tournament with a live message, deleted by the bot process that claims the edit
-- (a change committed after that delete leaves its row for the next edit). Insert-only for the writers. No foreign key
-- to tournament on purpose: its check would lock the tournament row (for key share) in every change's transaction.
create table leaderboard_change (
    id            bigint generated always as identity primary key,
    tournament_id bigint      not null,
    changed_at    timestamptz not null default now() -- the start of the change's transaction
);

create index leaderboard_change_tournament_idx on leaderboard_change (tournament_id);

-- Records a change of the standings of these tournaments (duplicates and nulls ignored) for those with a live message,
-- read without locking (a tournament without one costs one index look-up and leaves no row), once per tournament and
-- transaction (the tournaments already seen are remembered in a transaction-local setting: a sweep forfeiting 10,000
-- races of one tournament inserts one row), and notifies the bot processes (delivered at commit, and not at all for a
-- transaction that rolls back, with its rows).
create function leaderboard_changed(tournament_ids bigint[]) returns void language plpgsql as $$
declare
    seen text := coalesce(current_setting('async_tournament.leaderboard_changed', true), '');
    todo bigint[];
    live bigint;
begin
    select array_agg(distinct id order by id) into todo from unnest(tournament_ids) as ids(id)
     where id is not null and position(',' || id || ',' in seen) = 0;
    if todo is null then
        return;
    end if;
    for live in insert into leaderboard_change (tournament_id)
                select id from tournament where id = any(todo) and leaderboard_message_id is not null
                returning tournament_id
    loop
        perform pg_notify('leaderboard_changed', live::text);
    end loop;
    perform set_config('async_tournament.leaderboard_changed',
                       (case when seen = '' then ',' else seen end) || array_to_string(todo, ',') || ',', true);
end $$;

-- Races changed in a way that can move a leaderboard number: their status (apart from pending <-> in progress, both
-- without a score), time, reattempt, review, or what they belong to. Statement-level, over the statement's old and new
-- rows: one call for a sweep forfeiting 10,000 races (a row-level trigger called a function 10,000 times and made the
-- sweep ~70% slower, BENCHMARKS.md), and nothing beyond a look at the live-message index while no tournament has a
-- live leaderboard.
create function race_updates_leaderboard_changed() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from tournament where leaderboard_message_id is not null) then
        return null;
    end if;
    perform leaderboard_changed(array(
        select distinct t.id
          from old_races o
          join new_races n on n.id = o.id
         cross join lateral (values (o.tournament_id), (n.tournament_id)) as t(id)
         where (o.status is distinct from n.status
                   and not (o.status in ('pending', 'in_progress') and n.status in ('pending', 'in_progress')))
            or o.elapsed_seconds is distinct from n.elapsed_seconds
            or o.reattempted is distinct from n.reattempted
            or o.review_status is distinct from n.review_status
            or o.permalink_id is distinct from n.permalink_id
            or o.racer_id is distinct from n.racer_id
            or o.tournament_id is distinct from n.tournament_id));
    return null;
end $$;

create trigger race_leaderboard_update
    after update on race referencing old table as old_races new table as new_races
    for each statement execute function race_updates_leaderboard_changed();

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
-- on the message too. After the update: the tournament row is the one being written, so no other lock is taken.
create function tournament_leaderboard_changed() returns trigger language plpgsql as $$
begin
    perform leaderboard_changed(array[new.id]);
    return null;
end $$;

create trigger tournament_leaderboard_update
    after update on tournament
    for each row
    when (old.active is distinct from new.active or old.hide_results is distinct from new.hide_results
          or old.name is distinct from new.name or old.runs_per_pool is distinct from new.runs_per_pool)
    execute function tournament_leaderboard_changed();
