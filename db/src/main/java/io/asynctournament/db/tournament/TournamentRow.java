package io.asynctournament.db.tournament;

/**
 * A tournament as its setup and its races need it.
 *
 * @param id                tournament id
 * @param guildId           its guild's row id
 * @param discordGuildId    its guild's Discord id, or null for a local (imported) guild
 * @param name              its name, unique within the guild
 * @param active            false once closed: no new runs
 * @param runsPerPool       runs a racer may have per pool (reattempted ones not counted)
 * @param maxReattempts     reattempts a racer may have in the tournament
 * @param warningMinutes    its own warning_minutes, or null for the task's
 * @param timeoutMinutes    its own timeout_minutes, or null for the task's
 * @param maxHours          its own max_hours, or null for the task's
 * @param channelId         the Discord channel of its start message and race threads, or null
 * @param startMessageId    the posted start message, or null
 * @param hideResults       racers see their time but no score
 * @param minAccountAgeDays the youngest Discord account that may start, in days, or null for any
 * @param racerRoleId       the Discord role a racer needs, or null for anyone
 */
public record TournamentRow(long id, long guildId, Long discordGuildId, String name, boolean active, int runsPerPool,
                            int maxReattempts, Integer warningMinutes, Integer timeoutMinutes, Integer maxHours,
                            Long channelId, Long startMessageId, boolean hideResults, Integer minAccountAgeDays,
                            Long racerRoleId) {
}
