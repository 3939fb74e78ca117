-- The dashboard's velocity ("members in the last hour of data") and hourly activity filter articles by
-- event time, coalesce(published_at, fetched_at): index exactly that expression.
CREATE INDEX articles_event_time_idx ON articles ((coalesce(published_at, fetched_at)));
