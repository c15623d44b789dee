-- Targets an authority sets itself for its indicators: milestone, target and stretch levels for a
-- period end, with the tolerance within which a miss rates amber, and why.

-- +goose Up

CREATE TABLE targets (
    authority      INTEGER NOT NULL,
    indicator      TEXT    NOT NULL,
    period_end     TEXT    NOT NULL, -- ISO date
    milestone      DOUBLE PRECISION,
    target         DOUBLE PRECISION,
    stretch        DOUBLE PRECISION,
    tolerance      DOUBLE PRECISION NOT NULL DEFAULT 0,
    tolerance_kind TEXT    NOT NULL DEFAULT 'absolute' CHECK (tolerance_kind IN ('absolute', 'relative')),
    rationale      TEXT    NOT NULL DEFAULT '',
    entered_by     TEXT    NOT NULL DEFAULT '',
    entered_at     TEXT    NOT NULL,
    PRIMARY KEY (authority, indicator, period_end)
);

-- +goose Down

DROP TABLE targets;
