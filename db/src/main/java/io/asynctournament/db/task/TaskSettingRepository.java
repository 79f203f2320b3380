package io.asynctournament.db.task;

import io.asynctournament.db.Json;
import io.asynctournament.db.generated.tables.records.TaskSettingRecord;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.TASK_SETTING;

/** Stored task settings (the control plane's state). Writes run in the caller's transaction. */
public final class TaskSettingRepository {

    /** Every stored row, built-ins first, then guild instances by id. */
    public List<TaskSettingRow> all(DSLContext dsl) {
        return select(dsl).orderBy(TASK_SETTING.GUILD_ID.nullsFirst(), TASK_SETTING.ID).fetch(TaskSettingRepository::row);
    }

    /** The row of one task, if stored. */
    public Optional<TaskSettingRow> find(DSLContext dsl, String id) {
        return select(dsl).where(TASK_SETTING.ID.eq(id)).fetchOptional(TaskSettingRepository::row);
    }

    /** The row of one task, locked until the transaction ends, so concurrent changes to a task serialize. */
    public Optional<TaskSettingRow> findForUpdate(DSLContext tx, String id) {
        return select(tx).where(TASK_SETTING.ID.eq(id)).forUpdate().of(TASK_SETTING)
                .fetchOptional(TaskSettingRepository::row);
    }

    /** Creates a built-in's row with no overrides, if missing. */
    public void ensureBuiltIn(DSLContext dsl, String id, java.time.Instant now) {
        dsl.insertInto(TASK_SETTING, TASK_SETTING.ID, TASK_SETTING.TYPE, TASK_SETTING.UPDATED_AT, TASK_SETTING.UPDATED_BY)
                .values(id, id, now.atOffset(ZoneOffset.UTC), "system")
                .onConflictDoNothing().execute();
    }

    /** Inserts or replaces a row (the guild is set by {@code guildId}; {@code discordGuildId} is ignored). */
    public void save(DSLContext tx, TaskSettingRow row) {
        TaskSettingRecord record = tx.newRecord(TASK_SETTING);
        record.setId(row.id());
        record.setType(row.type());
        record.setGuildId(row.guildId());
        record.setActive(row.active());
        record.setIntervalSeconds(row.intervalSeconds());
        record.setCron(row.cron());
        record.setCronZone(row.cronZone());
        record.setConfig(Json.jsonb(row.config()));
        record.setRegistered(row.registered());
        record.setPauseReason(row.pauseReason());
        record.setUpdatedAt(row.updatedAt().atOffset(ZoneOffset.UTC));
        record.setUpdatedBy(row.updatedBy());
        tx.insertInto(TASK_SETTING).set(record)
                .onConflict(TASK_SETTING.ID).doUpdate().set(record)
                .execute();
    }

    /** Records whether the task's recurring job is in JobRunr. */
    public void setRegistered(DSLContext dsl, String id, boolean registered) {
        dsl.update(TASK_SETTING).set(TASK_SETTING.REGISTERED, registered).where(TASK_SETTING.ID.eq(id)).execute();
    }

    /** Deletes a row; returns whether one was there. */
    public boolean delete(DSLContext tx, String id) {
        return tx.deleteFrom(TASK_SETTING).where(TASK_SETTING.ID.eq(id)).execute() > 0;
    }

    /** Guild rows that have their own instance of this task type. */
    public Set<Long> guildsWithInstance(DSLContext dsl, String type) {
        return dsl.select(TASK_SETTING.GUILD_ID).from(TASK_SETTING)
                .where(TASK_SETTING.TYPE.eq(type)).and(TASK_SETTING.GUILD_ID.isNotNull())
                .fetchSet(TASK_SETTING.GUILD_ID);
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(TASK_SETTING.fields()).select(GUILD.DISCORD_GUILD_ID)
                .from(TASK_SETTING).leftJoin(GUILD).on(GUILD.ID.eq(TASK_SETTING.GUILD_ID));
    }

    private static TaskSettingRow row(Record r) {
        return new TaskSettingRow(r.get(TASK_SETTING.ID), r.get(TASK_SETTING.TYPE), r.get(TASK_SETTING.GUILD_ID),
                r.get(GUILD.DISCORD_GUILD_ID), r.get(TASK_SETTING.ACTIVE), r.get(TASK_SETTING.INTERVAL_SECONDS),
                r.get(TASK_SETTING.CRON), r.get(TASK_SETTING.CRON_ZONE), Json.map(r.get(TASK_SETTING.CONFIG)),
                r.get(TASK_SETTING.REGISTERED), r.get(TASK_SETTING.PAUSE_REASON),
                r.get(TASK_SETTING.UPDATED_AT).toInstant(), r.get(TASK_SETTING.UPDATED_BY));
    }
}
