package io.asynctournament.db;

import org.jooq.DSLContext;

import java.util.Optional;

import static io.asynctournament.db.generated.Tables.GUILD;

/** Discord guilds (the organizations that run tournaments). */
public final class GuildRepository {

    /** The row id of the guild with this Discord id, if known. */
    public Optional<Long> findByDiscordId(DSLContext dsl, long discordGuildId) {
        return dsl.select(GUILD.ID).from(GUILD).where(GUILD.DISCORD_GUILD_ID.eq(discordGuildId))
                .fetchOptional(GUILD.ID);
    }

    /** The row id of the guild with this Discord id, created (named {@code name}) if missing. */
    public long findOrCreate(DSLContext tx, long discordGuildId, String name) {
        tx.insertInto(GUILD, GUILD.DISCORD_GUILD_ID, GUILD.NAME).values(discordGuildId, name)
                .onConflict(GUILD.DISCORD_GUILD_ID).doNothing().execute();
        return findByDiscordId(tx, discordGuildId).orElseThrow();
    }
}
