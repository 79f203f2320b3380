package io.asynctournament.bot.discord.interaction;

import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.interactions.Interaction;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is asking, and where: built once per interaction by the {@link InteractionRouter}, from the interaction alone
 * (no request to Discord), and handed to every handler.
 *
 * @param userId       the Discord user id
 * @param guildId      the Discord guild the interaction came from, 0 outside a guild (a DM)
 * @param guildName    that guild's name, empty outside a guild
 * @param roleIds      the member's role ids in that guild (empty outside a guild)
 * @param manageServer true when the member has Manage Server in that guild (checked again by the bot: server admins
 *                     can change a command's default permissions)
 * @param operator     true when the user is one of the bot's operators ({@code BOT_OPERATORS})
 * @param displayName  the name the guild shows for them (nickname, else global name, else user name)
 */
public record Caller(long userId, long guildId, String guildName, Set<Long> roleIds, boolean manageServer,
                     boolean operator, String displayName) {

    public Caller {
        roleIds = Set.copyOf(roleIds);
        displayName = displayName == null ? "" : displayName;
    }

    /** A caller whose display name does not matter (tests, commands that name no one). */
    public Caller(long userId, long guildId, String guildName, Set<Long> roleIds, boolean manageServer,
                  boolean operator) {
        this(userId, guildId, guildName, roleIds, manageServer, operator, "");
    }

    /**
     * Reads the caller from an interaction.
     *
     * @param operators the bot's operators' user ids
     */
    public static Caller of(Interaction interaction, Set<Long> operators) {
        long userId = interaction.getUser().getIdLong();
        Member member = interaction.getMember();
        if (interaction.getGuild() == null || member == null) {
            return new Caller(userId, 0, "", Set.of(), false, operators.contains(userId),
                    interaction.getUser().getEffectiveName());
        }
        return new Caller(userId, interaction.getGuild().getIdLong(), interaction.getGuild().getName(),
                member.getRoles().stream().map(ISnowflake::getIdLong).collect(Collectors.toSet()),
                member.hasPermission(Permission.MANAGE_SERVER), operators.contains(userId), member.getEffectiveName());
    }

    /** True when the interaction came from a guild (not a DM). */
    public boolean inGuild() {
        return guildId != 0;
    }

    /** True when the member has this role. */
    public boolean hasRole(long roleId) {
        return roleIds.contains(roleId);
    }

    /** The caller as the tournament services take it. */
    public io.asynctournament.jobs.tournaments.Requester requester() {
        return new io.asynctournament.jobs.tournaments.Requester(userId, guildId, roleIds, manageServer, operator);
    }

    /** The actor the audit log names. */
    public String actor() {
        return "discord:" + userId;
    }
}
