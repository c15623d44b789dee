-- Figures from DfE's published statistics, used as comparators. Each published file is a source;
-- loading a file again replaces its figures. A suppressed figure keeps the publisher's symbol
-- (c, k, u, x, z, low) and has no value.

-- +goose Up

CREATE TABLE published_sources (
    name      TEXT NOT NULL PRIMARY KEY, -- file name, e.g. 'la_cla_placement_stability.csv'
    sha256    TEXT NOT NULL,             -- hex checksum of the file's bytes
    loaded_at TEXT NOT NULL
);

CREATE TABLE published_values (
    source      TEXT    NOT NULL REFERENCES published_sources (name) ON DELETE CASCADE,
    indicator   TEXT    NOT NULL,
    year        INTEGER NOT NULL, -- DfE time_period, e.g. 2025
    level       TEXT    NOT NULL, -- 'National', 'Regional' or 'Local authority'
    region      TEXT    NOT NULL DEFAULT '', -- '' for England
    authority   INTEGER NOT NULL DEFAULT 0,  -- DfE LA number; 0 for England and regions
    value       DOUBLE PRECISION,            -- NULL when suppressed
    symbol      TEXT    NOT NULL DEFAULT '', -- suppression symbol; '' when value holds the figure
    numerator   DOUBLE PRECISION,
    denominator DOUBLE PRECISION,
    PRIMARY KEY (source, indicator, year, level, region, authority)
);
CREATE INDEX published_values_indicator ON published_values (indicator, year);

-- +goose Down

DROP TABLE published_values;
DROP TABLE published_sources;
