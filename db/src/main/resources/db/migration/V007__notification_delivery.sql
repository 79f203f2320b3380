-- Delivery of the notification outbox to Discord (README "What racers receive", "Notifications for operators").
-- A row is pending until one process claims it (a lease: claimed_by, claimed_until), sends it and marks it sent;
-- a failure puts it back with next_attempt_at (backoff); some end without a message: superseded (a warning whose
-- race moved on), skipped (the racer turned warnings off) or undeliverable (Discord refused it for good).

create type notification_status as enum ('pending', 'sent', 'superseded', 'skipped', 'undeliverable');

alter table notification
    add column status          notification_status not null default 'pending',
    add column next_attempt_at timestamptz, -- a retry waits until then; null: due now
    add column claimed_by      text,        -- the process that holds the lease
    add column claimed_until   timestamptz, -- end of the lease: another process may take the row after it
    add column message_id      bigint,      -- the thread message it became
    add column dm_status       text check (dm_status in ('sent', 'closed', 'failed')), -- the racer's DM copy, if asked
    add column outcome         text;        -- why it was superseded, skipped or undeliverable
update notification set status = 'sent' where sent_at is not null;

drop index notification_unsent_idx;
-- Pending rows by race, oldest first: a race's next notification, and the backlog.
create index notification_pending_idx on notification (race_id, id) where status = 'pending';
-- Ended rows by age, for pruning (sent, superseded and skipped rows older than the retention).
create index notification_ended_idx on notification (created_at) where status <> 'pending';

-- A racer's choices (/async notifications): warnings in the thread, a copy by DM. No row: warnings on, DMs off.
create table racer_notification_setting (
    racer_id     bigint primary key references racer (id),
    warnings     boolean not null default true,
    dm           boolean not null default false,
    dm_closed_at timestamptz, -- the last time a DM could not be sent because the racer's DMs are closed
    updated_at   timestamptz not null
);

-- The race's main message in its thread (Ready/Forfeit, then Finish/Timer/Forfeit): a forfeit by a sweep disables its
-- buttons. Null for races opened before this column existed (the dispatcher then looks for it in the thread).
alter table race add column race_message_id bigint;

-- Wakes the dispatchers (LISTEN notification_outbox) when a transaction that wrote notifications commits; one
-- notification per statement, and PostgreSQL folds identical ones within a transaction.
create function notification_outbox_wake() returns trigger language plpgsql as $$
begin
    perform pg_notify('notification_outbox', '');
    return null;
end
$$;
create trigger notification_outbox_wake after insert on notification
    for each statement execute function notification_outbox_wake();
