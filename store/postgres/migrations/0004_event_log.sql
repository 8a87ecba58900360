-- 0004_event_log: on SQLite, a table of events between processes. PostgreSQL
-- carries events with LISTEN/NOTIFY and needs nothing; the step exists so
-- both backends keep the same list of migrations.
SELECT 1;
