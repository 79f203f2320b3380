package io.asynctournament.jobs.scheduling;

import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import javax.sql.DataSource;

/**
 * JobRunr's PostgreSQL storage on the bot's own database. JobRunr creates its {@code jobrunr_*} tables beside
 * Flyway's; Flyway must have migrated first (it refuses a non-empty schema without its history).
 */
public final class JobRunrStorage {
    private JobRunrStorage() {
    }

    /** The JSON mapper JobRunr uses for jobs (Jackson 2). */
    public static JsonMapper jsonMapper() {
        return new JacksonJsonMapper();
    }

    /** A storage provider on the data source, with its job mapper set (every poll fails without it). */
    public static StorageProvider create(DataSource dataSource, JsonMapper jsonMapper) {
        StorageProvider provider = new PostgresStorageProvider(dataSource, DatabaseOptions.CREATE);
        provider.setJobMapper(new JobMapper(jsonMapper));
        return provider;
    }
}
