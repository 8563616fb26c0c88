-- specforge wrote this file once; the migrations folder is yours.
--
-- The service applies every file of this folder at startup, once each, in name order
-- (sqlx records them in the _sqlx_migrations table). Add your tables in new files:
-- 0002_users.sql, 0003_..., and never edit one that has already run.
SELECT 1;
