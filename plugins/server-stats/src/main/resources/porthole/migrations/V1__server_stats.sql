-- The plugin's tables start with its id (server-stats). Runs on H2 and PostgreSQL.

-- Admin settings of spec 002 (/global-settings): one row per key, the value as text.
CREATE TABLE server_stats_settings (
    setting_key VARCHAR(64) PRIMARY KEY,
    setting_value VARCHAR(255) NOT NULL
);

-- One row per metrics poll, for charts; rows older than the retention are deleted by the plugin.
-- Times are epoch milliseconds, ratios 0..1; a value the host did not give is NULL.
CREATE TABLE server_stats_history (
    host_id BIGINT NOT NULL,
    sampled_at BIGINT NOT NULL,
    cpu_ratio DOUBLE PRECISION,
    memory_ratio DOUBLE PRECISION,
    disk_ratio DOUBLE PRECISION,
    load1 DOUBLE PRECISION,
    rx_bps DOUBLE PRECISION,
    tx_bps DOUBLE PRECISION
);
CREATE INDEX server_stats_history_host_time ON server_stats_history (host_id, sampled_at);
CREATE INDEX server_stats_history_time ON server_stats_history (sampled_at);
