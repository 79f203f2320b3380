-- A run that was asked for (a scheduler tick, a queued or CLI run) but not started because the task was already
-- running gets a row of its own, with the reason in task_run.error (issue 9: honest run history).
alter type task_run_status add value if not exists 'skipped';

-- Runs still recorded as running, looked up at every bot start and after a database outage to record the ones whose
-- process stopped as failed (queries must inline the enum value for PostgreSQL to use a partial index).
create index task_run_running_idx on task_run (task_id, started_at desc) where status = 'running';
