-- Audit entries by the races they list (issue 13: `audit --race`, `audit --tournament`, `/async audit`). A timeout
-- sweep writes one entry for all the races it forfeits, listing them in details.races; this index finds those entries
-- by race (`details -> 'races' @> '[42]'`) instead of scanning the whole log.
create index audit_log_races_idx on audit_log using gin ((details -> 'races') jsonb_path_ops);
