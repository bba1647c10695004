-- The default listing (active users, newest first) and every page an SDK iterator asks for
-- read this index in order: a deep OFFSET walks index entries instead of table rows, and the
-- count of active users is answered from the index alone. It covers the old
-- (environment_id, active, id) index's use (filtering and counting by `active`), which goes,
-- so a write maintains no more indexes than before.
DROP INDEX users_environment_active;
CREATE INDEX users_environment_active_created ON users (environment_id, active, created_at, id);
