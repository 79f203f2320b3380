-- Tournaments, their pools and permalinks, racers and races.
-- Times are UTC instants (timestamptz); durations are seconds unless a column name says otherwise.

create type race_status as enum ('pending', 'in_progress', 'finished', 'forfeit', 'disqualified');
create type review_status as enum ('pending', 'accepted', 'rejected');

-- A guild is the organization that runs tournaments: a Discord server, or a local one for imported data.
create table guild (
    id               bigint generated always as identity primary key,
    discord_guild_id bigint unique,
    name             text not null,
    created_at       timestamptz not null default now()
);
create unique index guild_local_name_key on guild (name) where discord_guild_id is null;

create table tournament (
    id              bigint generated always as identity primary key,
    guild_id        bigint not null references guild (id),
    name            text not null,
    active          boolean not null default true,
    runs_per_pool   integer not null default 1 check (runs_per_pool > 0),
    max_reattempts  integer not null default 0 check (max_reattempts >= 0),
    -- per-tournament overrides of the timeout tasks' settings; null means "use the task's"
    warning_minutes integer check (warning_minutes > 0),
    timeout_minutes integer check (timeout_minutes > 0),
    max_hours       integer check (max_hours > 0 and max_hours <= 168),
    created_at      timestamptz not null default now(),
    constraint tournament_guild_name_key unique (guild_id, name),
    constraint tournament_warning_before_timeout
        check (warning_minutes is null or timeout_minutes is null or warning_minutes < timeout_minutes)
);
create index tournament_active_idx on tournament (id) where active;

create table pool (
    id            bigint generated always as identity primary key,
    tournament_id bigint not null references tournament (id) on delete cascade,
    name          text not null,
    position      integer not null,
    constraint pool_tournament_name_key unique (tournament_id, name)
);

create table permalink (
    id             bigint generated always as identity primary key,
    pool_id        bigint not null references pool (id) on delete cascade,
    url            text not null,
    notes          text,
    par_time       double precision check (par_time > 0), -- seconds
    par_updated_at timestamptz,
    constraint permalink_pool_url_key unique (pool_id, url)
);

-- A racer is a Discord user, or a name from imported results.
create table racer (
    id              bigint generated always as identity primary key,
    discord_user_id bigint unique,
    name            text not null,
    created_at      timestamptz not null default now(),
    constraint racer_has_identity check (discord_user_id is not null or length(name) > 0)
);
create unique index racer_imported_name_key on racer (name) where discord_user_id is null;

create table race (
    id               bigint generated always as identity primary key,
    tournament_id    bigint not null references tournament (id) on delete cascade,
    permalink_id     bigint not null references permalink (id) on delete cascade,
    racer_id         bigint not null references racer (id),
    attempt          integer not null default 1 check (attempt > 0), -- 1 for the first run of this permalink
    status           race_status not null default 'pending',
    thread_id        bigint,
    thread_opened_at timestamptz,
    timeout_at       timestamptz,
    warning_sent_at  timestamptz,
    started_at       timestamptz,
    finished_at      timestamptz,
    elapsed_seconds  numeric(12, 3) check (elapsed_seconds > 0),
    reattempted      boolean not null default false,
    review_status    review_status not null default 'pending',
    score            double precision check (score >= 0 and score <= 105),
    score_updated_at timestamptz,
    created_at       timestamptz not null default now(),
    constraint race_run_key unique (tournament_id, permalink_id, racer_id, attempt),
    constraint race_finished_has_elapsed check (status <> 'finished' or elapsed_seconds is not null)
);
-- The sweeps read only due rows through these partial indexes.
create index race_pending_without_deadline_idx on race (thread_opened_at)
    where status = 'pending' and timeout_at is null and thread_opened_at is not null;
create index race_pending_deadline_idx on race (timeout_at) where status = 'pending';
create index race_in_progress_started_idx on race (started_at) where status = 'in_progress';
create index race_tournament_status_idx on race (tournament_id, status);
create index race_permalink_finished_idx on race (permalink_id, elapsed_seconds)
    where status = 'finished' and not reattempted;
create index race_racer_idx on race (racer_id);
