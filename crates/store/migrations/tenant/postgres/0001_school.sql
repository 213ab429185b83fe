-- A tenant's school data (PostgreSQL, one schema per tenant, reached through search_path).
-- Every school record is a JSON document in `records`; `unique_key` enforces the record kind's
-- natural key; `record_refs` mirrors the references each document holds so that a referenced
-- record cannot be deleted.

CREATE TABLE records (
    id BIGSERIAL PRIMARY KEY,
    collection TEXT NOT NULL,
    unique_key TEXT,
    data JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (collection, unique_key)
);
CREATE INDEX records_collection ON records (collection, id);

CREATE TABLE record_refs (
    from_id BIGINT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    to_id BIGINT NOT NULL REFERENCES records (id),
    PRIMARY KEY (from_id, field)
);
CREATE INDEX record_refs_to ON record_refs (to_id);

-- Placements are many and queried by position, so they get real columns.
CREATE TABLE placements (
    id BIGSERIAL PRIMARY KEY,
    timetable_id BIGINT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    lesson_id BIGINT NOT NULL REFERENCES records (id),
    unit INTEGER NOT NULL,
    day INTEGER NOT NULL,
    period INTEGER NOT NULL,
    duration INTEGER NOT NULL,
    room_id BIGINT REFERENCES records (id),
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (timetable_id, lesson_id, unit)
);
CREATE INDEX placements_lesson ON placements (lesson_id);
CREATE INDEX placements_room ON placements (room_id);
