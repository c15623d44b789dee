-- DfE's statistical neighbours as published (the 2021 and 2025 models), for comparing with published
-- figures. They are reference data about every authority in England, so unlike the deployment's own
-- statistical_neighbours they do not need the authority to be set up here.

-- +goose Up

CREATE TABLE published_neighbours (
    model     TEXT    NOT NULL, -- '2021' or '2025'
    authority INTEGER NOT NULL,
    position  INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10),
    neighbour INTEGER NOT NULL,
    PRIMARY KEY (model, authority, position)
);

-- +goose Down

DROP TABLE published_neighbours;
