-- The racer side in Discord (README "Admin guide", "Racer guide"): a tournament's channel, start message and rules,
-- who may run it, and what a racer adds to a race. Additive: existing tournaments and races keep their data.

alter table tournament
    add column channel_id           bigint,   -- the Discord channel its start message and race threads live in
    add column start_message_id     bigint,   -- the posted "Start new async run" message, replaced by a new post
    add column hide_results         boolean not null default false, -- racers see their time but no score
    add column min_account_age_days integer check (min_account_age_days between 0 and 3650),
    add column racer_role_id        bigint;   -- only members with this Discord role may start a race

create type tournament_admin_level as enum ('admin', 'reviewer');

-- A grant of one level on one tournament to a Discord role (covering whoever has the role when asking) or a user.
create table tournament_admin (
    id              bigint generated always as identity primary key,
    tournament_id   bigint not null references tournament (id) on delete cascade,
    discord_role_id bigint,
    discord_user_id bigint,
    level           tournament_admin_level not null,
    granted_by      text not null,
    granted_at      timestamptz not null,
    constraint tournament_admin_one_grantee check ((discord_role_id is null) <> (discord_user_id is null))
);
create unique index tournament_admin_role_key on tournament_admin (tournament_id, discord_role_id)
    where discord_role_id is not null;
create unique index tournament_admin_user_key on tournament_admin (tournament_id, discord_user_id)
    where discord_user_id is not null;

alter table race
    add column vod_url               text check (length(vod_url) <= 500),
    add column racer_notes           text check (length(racer_notes) <= 1000),
    add column review_requested_at   timestamptz,
    add column review_request_reason text check (length(review_request_reason) <= 1000),
    add column ended_at              timestamptz, -- when it was finished, forfeited or disqualified
    add column thread_archived_at    timestamptz; -- when the bot archived the race's thread after it ended

-- A racer's open race in a tournament, found at Start (one open race at a time).
create index race_racer_open_idx on race (racer_id, tournament_id) where status in ('pending', 'in_progress');
-- Threads of ended races not archived yet, for the archiving sweep.
create index race_thread_to_archive_idx on race (ended_at)
    where thread_id is not null and thread_archived_at is null and ended_at is not null;
