-- Improvement plans (package plan): a council's response to an inspection. A plan has numbered
-- recommendations; a recommendation has actions (with progress notes and evidence) and measures
-- (catalogue indicators with milestone and stretch levels by dates). Ids are assigned by the
-- database ("INTEGER PRIMARY KEY AUTOINCREMENT", served to PostgreSQL as an identity column; see
-- 00001_schema.sql). Saving a whole plan keeps the ids of the recommendations and actions it still
-- holds, so that links and history stay with them.
--
-- plan_changes is the plan's history: append-only, one row per field changed, kept when an action or
-- the plan itself is deleted (so it has no foreign keys).

-- +goose Up

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    authority   INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    source      TEXT    NOT NULL DEFAULT '',
    source_date TEXT, -- ISO date, NULL when blank
    published   TEXT, -- ISO date, NULL while in draft
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX plans_authority ON plans (authority);

CREATE TABLE plan_recommendations (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id BIGINT  NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    number  INTEGER NOT NULL, -- from 1; briefly negated while a saved plan is renumbered
    body    TEXT    NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE plan_actions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id           BIGINT  NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    recommendation_id BIGINT  NOT NULL REFERENCES plan_recommendations (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL, -- order within the recommendation
    description       TEXT    NOT NULL,
    owner             TEXT    NOT NULL DEFAULT '',
    start_date        TEXT,
    due_date          TEXT,
    status            TEXT    NOT NULL
        CHECK (status IN ('not-started', 'on-track', 'at-risk', 'off-track', 'complete')),
    completed         TEXT
);
CREATE INDEX plan_actions_plan ON plan_actions (plan_id);
CREATE INDEX plan_actions_recommendation ON plan_actions (recommendation_id, seq);

CREATE TABLE plan_action_notes (
    action_id BIGINT  NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    noted_at  TEXT, -- RFC 3339 UTC, NULL when not known
    author    TEXT    NOT NULL DEFAULT '',
    body      TEXT    NOT NULL,
    PRIMARY KEY (action_id, seq)
);

CREATE TABLE plan_evidence (
    action_id BIGINT  NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    title     TEXT    NOT NULL,
    url       TEXT    NOT NULL DEFAULT '',
    file_name TEXT    NOT NULL DEFAULT '', -- the name of a file csperf stores
    PRIMARY KEY (action_id, seq)
);

CREATE TABLE plan_measures (
    recommendation_id BIGINT  NOT NULL REFERENCES plan_recommendations (id) ON DELETE CASCADE,
    indicator         TEXT    NOT NULL,
    seq               INTEGER NOT NULL,
    PRIMARY KEY (recommendation_id, indicator)
);

CREATE TABLE plan_measure_points (
    recommendation_id BIGINT  NOT NULL,
    indicator         TEXT    NOT NULL,
    at_date           TEXT    NOT NULL, -- ISO date
    milestone         DOUBLE PRECISION,
    stretch           DOUBLE PRECISION,
    PRIMARY KEY (recommendation_id, indicator, at_date),
    FOREIGN KEY (recommendation_id, indicator) REFERENCES plan_measures (recommendation_id, indicator)
        ON DELETE CASCADE
);

CREATE TABLE plan_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id    BIGINT  NOT NULL,
    action_id  BIGINT, -- NULL for a change to the plan or a recommendation
    changed_at TEXT    NOT NULL,
    author     TEXT    NOT NULL DEFAULT '',
    field      TEXT    NOT NULL,
    old_value  TEXT    NOT NULL DEFAULT '',
    new_value  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX plan_changes_plan ON plan_changes (plan_id, id);
CREATE INDEX plan_changes_action ON plan_changes (action_id);

-- +goose Down

DROP TABLE plan_changes;
DROP TABLE plan_measure_points;
DROP TABLE plan_measures;
DROP TABLE plan_evidence;
DROP TABLE plan_action_notes;
DROP TABLE plan_actions;
DROP TABLE plan_recommendations;
DROP TABLE plans;
