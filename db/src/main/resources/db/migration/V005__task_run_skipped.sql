-- A run that was asked for (a scheduler tick, a queued or CLI run) but not started because the task was already
-- running gets a row of its own, with the reason in task_run.error (issue 9: honest run history).
alter type task_run_status add value if not exists 'skipped';
