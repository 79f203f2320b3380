-- The task control plane's stored state. A built-in task (guild_id null, id = its type) has a row once the bot has
-- seen it; its columns are admin overrides (null = the code default) and `reset` clears them. A guild's own instance
-- of a task type (id '<type>.guild-<discord guild id>') has its own schedule and config.
create table task_setting (
    id               text primary key,
    type             text not null,
    guild_id         bigint references guild (id) on delete cascade,
    active           boolean,                 -- null: the default (active)
    interval_seconds integer check (interval_seconds >= 10),
    cron             text,
    cron_zone        text,
    config           jsonb not null default '{}'::jsonb, -- only the keys set here
    registered       boolean not null default false,     -- true once its recurring job was put in JobRunr
    pause_reason     text,
    updated_at       timestamptz not null,
    updated_by       text not null,
    constraint task_setting_one_schedule check (interval_seconds is null or cron is null),
    constraint task_setting_guild_type_key unique (type, guild_id)
);
create index task_setting_guild_idx on task_setting (guild_id) where guild_id is not null;
