create type task_run_status as enum ('running', 'success', 'failed', 'partial');

-- Who did what to which subject; actor is a Discord user id, 'cli:<user>' or 'system'.
create table audit_log (
    id      bigint generated always as identity primary key,
    actor   text not null,
    action  text not null,
    subject text not null,
    details jsonb not null default '{}'::jsonb,
    at      timestamptz not null
);
create index audit_log_subject_idx on audit_log (subject, at);
create index audit_log_at_idx on audit_log (at);

-- The outbox: a state change writes its notification here in the same transaction; a dispatcher delivers it later.
create table notification (
    id         bigint generated always as identity primary key,
    race_id    bigint references race (id) on delete cascade,
    kind       text not null,
    payload    jsonb not null default '{}'::jsonb,
    created_at timestamptz not null,
    sent_at    timestamptz,
    attempts   integer not null default 0,
    last_error text
);
create index notification_unsent_idx on notification (created_at) where sent_at is null;
create index notification_race_idx on notification (race_id);

-- One row per run of a task, from the scheduler or by hand; counts is a JSON object of named integers.
create table task_run (
    id          bigint generated always as identity primary key,
    task_id     text not null,
    trigger     text not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    duration_ms bigint,
    status      task_run_status not null default 'running',
    error       text,
    counts      jsonb not null default '{}'::jsonb
);
create index task_run_task_started_idx on task_run (task_id, started_at desc);
