-- Computed indicator values, and figures the council enters itself. Values are stored so that pages
-- and reports read them rather than recompute; a load recomputes its authority's values.

-- +goose Up

CREATE TABLE indicator_values (
    authority   INTEGER NOT NULL,
    indicator   TEXT    NOT NULL,
    period_end  TEXT    NOT NULL, -- ISO date
    category    TEXT    NOT NULL DEFAULT '', -- breakdown category, '' for a single value
    numerator   BIGINT  NOT NULL,
    denominator BIGINT  NOT NULL,
    value       DOUBLE PRECISION, -- NULL when there is nothing to divide by
    basis       TEXT    NOT NULL DEFAULT '', -- the snapshots the value was computed from, e.g. 'ssda903:4,7 cin:5'
    computed_at TEXT    NOT NULL,
    PRIMARY KEY (authority, indicator, period_end, category)
);
CREATE INDEX indicator_values_period ON indicator_values (authority, period_end);

CREATE TABLE local_figures (
    authority   INTEGER NOT NULL,
    indicator   TEXT    NOT NULL,
    period_end  TEXT    NOT NULL,
    numerator   BIGINT  NOT NULL,
    denominator BIGINT  NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    entered_by  TEXT    NOT NULL DEFAULT '',
    entered_at  TEXT    NOT NULL,
    PRIMARY KEY (authority, indicator, period_end)
);

-- +goose Down

DROP TABLE local_figures;
DROP TABLE indicator_values;
