package io.asynctournament.bot.discord.fake;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A member of a {@link FakeGuild}: a user, the roles it holds and when it joined. */
public final class FakeMember {
    private final FakeGuild guild;
    private final long userId;
    private final String name;
    private final boolean bot;
    private final List<Long> roleIds = new CopyOnWriteArrayList<>();
    private final Instant joinedAt = Instant.now();

    FakeMember(FakeGuild guild, long userId, String name, boolean bot, List<Long> roleIds) {
        this.guild = guild;
        this.userId = userId;
        this.name = name;
        this.bot = bot;
        this.roleIds.addAll(roleIds);
    }

    public FakeGuild guild() {
        return guild;
    }

    public long userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public boolean bot() {
        return bot;
    }

    /** Ids of the roles this member holds (the @everyone role is implicit, as on Discord). */
    public List<Long> roleIds() {
        return List.copyOf(roleIds);
    }

    /**
     * Gives the member a role of its guild from now on ({@link FakeGuild#role}): the interactions it sends carry
     * the role, as Discord's do once a member got a role (the role itself must exist before login).
     */
    public FakeMember addRole(FakeRole role) {
        if (guild.role(role.id()).isEmpty()) {
            throw new IllegalArgumentException("role " + role.id() + " is not a role of guild " + guild.id());
        }
        if (!roleIds.contains(role.id())) {
            roleIds.add(role.id());
        }
        return this;
    }

    /** The guild-level permissions (raw bit set) this member has, as Discord computes them. */
    public long permissions() {
        return guild.permissionsOf(this);
    }

    Instant joinedAt() {
        return joinedAt;
    }
}
