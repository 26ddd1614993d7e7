-- Rate-limit counters live for one minute's window: they need not survive a crash, so they are
-- not written to the WAL. Each mutation takes a hit in a transaction of its own before it runs,
-- and a commit that wrote only unlogged rows does not wait for the WAL to reach the disk.
-- After a crash (or on a promoted standby, which does not receive unlogged tables) the windows
-- simply start again empty.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
