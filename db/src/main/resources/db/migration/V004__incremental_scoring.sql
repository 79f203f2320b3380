-- Incremental scoring (issue 5): scores that depend on a par time live in their own narrow table, permalinks whose
-- par time may have changed are queued by triggers, and the sweeps' hot paths carry fewer indexes.

-- The rule of which runs make a par time and get a par-based score (DEVELOPERS.md, "Scoring"): finished, not
-- reattempted, and not rejected by review. A rejected run scores 0 like a disqualified one.
create function race_par_eligible(status race_status, reattempted boolean, review review_status) returns boolean
    language sql immutable parallel safe
as $$ select status = 'finished' and not reattempted and review <> 'rejected' $$;

-- Par-based scores of eligible runs only (the triggers below remove a run's score when it stops being eligible);
-- every other score is fixed by the race row itself (see race_result).
-- Kept apart from race so that rescoring never rewrites (or locks) race rows and their indexes. Derived data, so no
-- foreign key: its per-row check cost more than the insert itself (7 s of 13 s for 1,000,000 scores); the delete
-- trigger on race below removes the scores of deleted races instead.
create table race_score (
    race_id   bigint primary key,
    score     double precision not null check (score >= 0 and score <= 105),
    scored_at timestamptz not null
);

alter table race drop column score, drop column score_updated_at;

-- Each run with the score it has now: a stored par-based score for eligible runs, 0 for forfeit, disqualified and
-- rejected runs, none (null) for reattempted, pending and in-progress runs, and for eligible runs not scored yet.
create view race_result as
select r.id as race_id, r.tournament_id, r.permalink_id, r.racer_id, r.status, r.reattempted, r.review_status,
       r.elapsed_seconds,
       case
           when r.reattempted then null
           when race_par_eligible(r.status, r.reattempted, r.review_status) then s.score
           when r.status in ('forfeit', 'disqualified') or (r.status = 'finished' and r.review_status = 'rejected')
               then 0::double precision
       end as score
from race r
left join race_score s on s.race_id = r.id;

-- Permalinks waiting for their par time and par-based scores to be recomputed. Triggers on race add a permalink
-- when a run joins or leaves its eligible runs or an eligible run's elapsed time changes; each addition takes a new
-- version, and a recalculation removes only the version it read, so a change made while it runs is not lost.
create sequence score_queue_version;
create table score_queue (
    permalink_id bigint primary key references permalink (id) on delete cascade,
    version      bigint not null default nextval('score_queue_version'),
    queued_at    timestamptz not null default now()
);

-- Queues permalinks (duplicates and nulls ignored); one already queued takes a new version. The triggers below and
-- ScoringRepository.queueAll queue through it.
create function score_queue_add(permalink_ids bigint[]) returns void language sql as $$
    insert into score_queue (permalink_id)
    select distinct id from unnest(permalink_ids) as ids(id) where id is not null
    on conflict (permalink_id) do update set version = nextval('score_queue_version'), queued_at = now()
$$;

-- Everything is recomputed here, once, under the new rule (rejected runs no longer make par or score), so that no
-- tournament (active or not) keeps values of the old rule: the same two statements as the benchmark's reference.
update permalink p
   set par_time = (select avg(f.elapsed_seconds)::double precision
                     from (select r.elapsed_seconds from race r
                            where r.permalink_id = p.id and race_par_eligible(r.status, r.reattempted, r.review_status)
                            order by r.elapsed_seconds, r.id limit 5) f),
       par_updated_at = now();
insert into race_score (race_id, score, scored_at)
select r.id, least(greatest((2 - r.elapsed_seconds::double precision / p.par_time) * 100, 0), 105), now()
  from race r join permalink p on p.id = r.permalink_id
 where race_par_eligible(r.status, r.reattempted, r.review_status);

-- Every trigger below that removes scores first locks the permalinks (the lock a recalculation claims them with), so
-- it waits for a recalculation computing them, and a recalculation cannot write a score from a snapshot taken before
-- the change: the score it would have written is removed after it commits, and the permalink is queued again.
create function race_queue_changed_permalink() returns trigger language plpgsql as $$
begin
    perform 1 from permalink where id in (old.permalink_id, new.permalink_id) order by id for no key update;
    -- a run that leaves the eligible runs, or moves, loses its stored score at once: race_score only ever holds
    -- eligible runs, scored against their own permalink
    if not race_par_eligible(new.status, new.reattempted, new.review_status)
       or old.permalink_id <> new.permalink_id then
        delete from race_score where race_id = new.id;
    end if;
    perform score_queue_add(array[old.permalink_id, new.permalink_id]);
    return null;
end $$;

-- Row-level, and only for the changes that matter: a sweep forfeiting 10,000 pending races never calls it.
create trigger race_par_change
    after update of status, elapsed_seconds, reattempted, review_status, permalink_id on race
    for each row
    when (race_par_eligible(old.status, old.reattempted, old.review_status)
              is distinct from race_par_eligible(new.status, new.reattempted, new.review_status)
          or (race_par_eligible(new.status, new.reattempted, new.review_status)
              and (old.elapsed_seconds is distinct from new.elapsed_seconds or old.permalink_id <> new.permalink_id)))
    execute function race_queue_changed_permalink();

create function race_queue_inserted_permalinks() returns trigger language plpgsql as $$
begin
    perform score_queue_add(array(select permalink_id from inserted_races
                                  where race_par_eligible(status, reattempted, review_status)));
    return null;
end $$;

create trigger race_par_insert
    after insert on race referencing new table as inserted_races
    for each statement execute function race_queue_inserted_permalinks();

create function race_queue_deleted_permalinks() returns trigger language plpgsql as $$
begin
    perform 1 from permalink where id in (select permalink_id from deleted_races) order by id for no key update;
    delete from race_score s using deleted_races d where s.race_id = d.id;
    perform score_queue_add(array(select d.permalink_id from deleted_races d
                                  where race_par_eligible(d.status, d.reattempted, d.review_status)
                                    and exists (select 1 from permalink p where p.id = d.permalink_id)));
    return null;
end $$;

create trigger race_par_delete
    after delete on race referencing old table as deleted_races
    for each statement execute function race_queue_deleted_permalinks();

-- No races, no par times and no scores.
create function race_truncated() returns trigger language plpgsql as $$
begin
    delete from race_score;
    update permalink set par_time = null, par_updated_at = now() where par_time is not null;
    delete from score_queue;
    return null;
end $$;

create trigger race_truncate after truncate on race for each statement execute function race_truncated();

-- The fastest eligible runs of a permalink, for its par time.
drop index race_permalink_finished_idx;
create index race_par_idx on race (permalink_id, elapsed_seconds, id)
    where status = 'finished' and not reattempted and review_status <> 'rejected';
-- race_run_key (tournament_id, permalink_id, racer_id, attempt) serves lookups by tournament, and by permalink or
-- racer within a tournament (not by permalink alone: deleting a permalink scans race, as it did before). Every index on race costs each forfeit (a status change is never a HOT update).
drop index race_tournament_status_idx;
drop index race_racer_idx; -- racers are never deleted, so the foreign key never looks races up by racer
-- Room on each page for a row's next version, so updates that change no indexed column (warning_sent_at) are HOT.
alter table race set (fillfactor = 85);

-- The outbox is a log of messages: a message outlives its race, and writing one checks no foreign key.
alter table notification drop constraint notification_race_id_fkey;
drop index notification_race_idx;

-- Audit entries are read by subject; nothing reads them by time alone.
drop index audit_log_at_idx;
