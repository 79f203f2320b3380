-- Review and reattempts in Discord (README "Review", "Reattempts"): who reviewed a finished run, when and why, and who
-- marked a run reattempted, when and why. Additive: existing races keep their data (null: never reviewed by the bot,
-- or reattempted by an import).

alter table race
    add column reviewed_by      text,        -- the reviewer as the audit log names them ('discord:<user id>')
    add column reviewed_at      timestamptz,
    add column reviewer_notes   text check (length(reviewer_notes) <= 1000),
    add column reattempt_reason text check (length(reattempt_reason) <= 1000),
    add column reattempted_at   timestamptz,
    add column reattempted_by   text;        -- the racer or the admin who marked it ('discord:<user id>')

-- The review queue of a tournament: finished runs waiting for review, flagged ones first, then the oldest finish.
create index race_review_queue_idx on race (tournament_id, (review_requested_at is null), finished_at, id)
    where status = 'finished' and review_status = 'pending' and not reattempted;
