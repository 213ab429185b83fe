-- Optimistic concurrency for manual timetable edits. A record's `revision` grows with every
-- change of the record and, for a timetable, of any of its placements; `school_revision` grows
-- with every change of the school's data (anything but timetables). A server that read a
-- timetable at some revisions writes a move only while both are unchanged, so an edit made
-- meanwhile by another server instance (or by a data edit) is never overwritten unseen.

ALTER TABLE records ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE school_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO school_revision (id, revision) VALUES (1, 0);
