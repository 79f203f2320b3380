package io.asynctournament.bot.discord.fake;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.Permission;

/**
 * A guild of the fake Discord. Declare it, its members and channels before JDA logs in: they are sent in
 * GUILD_CREATE. It always holds an owner (a separate member) and the bot's member with a managed role.
 */
public final class FakeGuild {
    /** What Discord grants @everyone in a new guild (the part that matters to a bot). */
    static final long EVERYONE_PERMISSIONS = Permission.getRaw(
            Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND, Permission.MESSAGE_HISTORY,
            Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_ATTACH_FILES, Permission.MESSAGE_ADD_REACTION,
            Permission.USE_APPLICATION_COMMANDS, Permission.CREATE_PUBLIC_THREADS, Permission.MESSAGE_SEND_IN_THREADS);

    static final long ALL_PERMISSIONS = Permission.getRaw(Arrays.stream(Permission.values())
            .filter(p -> p != Permission.UNKNOWN)
            .toArray(Permission[]::new));

    private final long id;
    private final String name;
    private final List<FakeRole> roles = new CopyOnWriteArrayList<>();
    private final Map<Long, FakeMember> members = new ConcurrentHashMap<>();
    private final List<Long> memberOrder = new CopyOnWriteArrayList<>();
    private final Map<Long, FakeChannel> channels = new ConcurrentHashMap<>();
    private final List<Long> channelOrder = new CopyOnWriteArrayList<>();
    private final FakeMember owner;
    private final FakeMember botMember;
    private volatile long botRoleId;

    FakeGuild(long id, String name, long botUserId, String botName) {
        this.id = id;
        this.name = name;
        roles.add(new FakeRole(id, "@everyone", EVERYONE_PERMISSIONS, 0, 0));
        botRoleId = Snowflakes.next();
        roles.add(new FakeRole(botRoleId, botName, Permission.ADMINISTRATOR.getRawValue(), 1, botUserId));
        this.owner = addMember(new FakeMember(this, Snowflakes.next(), "owner", false, List.of()));
        this.botMember = addMember(new FakeMember(this, botUserId, botName, true, List.of(botRoleId)));
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /**
     * Adds a member holding one role (named after the member) that carries exactly {@code permissions}, on top
     * of what @everyone grants.
     */
    public FakeMember member(long userId, String name, Permission... permissions) {
        long roleId = Snowflakes.next();
        roles.add(new FakeRole(roleId, name + " role", Permission.getRaw(permissions), roles.size(), 0));
        return addMember(new FakeMember(this, userId, name, false, List.of(roleId)));
    }

    /**
     * Adds a role carrying exactly {@code permissions}, held by no one; give it with {@link FakeMember#addRole}.
     * Declare it before login: it is sent in GUILD_CREATE.
     */
    public FakeRole role(long roleId, String roleName, Permission... permissions) {
        if (role(roleId).isPresent()) {
            throw new IllegalArgumentException("role " + roleId + " already exists in guild " + id);
        }
        FakeRole role = new FakeRole(roleId, roleName, Permission.getRaw(permissions), roles.size(), 0);
        roles.add(role);
        return role;
    }

    /** Adds a text channel (type 0). */
    public FakeChannel textChannel(long channelId, String channelName) {
        FakeChannel channel = new FakeChannel(this, channelId, channelName, FakeChannel.TEXT, 0, channelOrder.size());
        addChannel(channel);
        return channel;
    }

    /** Replaces what the bot's managed role grants (ADMINISTRATOR by default). */
    public FakeGuild botPermissions(Permission... permissions) {
        FakeRole old = role(botRoleId).orElseThrow();
        roles.replaceAll(r -> r.id() == botRoleId
                ? new FakeRole(old.id(), old.name(), Permission.getRaw(permissions), old.position(), old.botId())
                : r);
        return this;
    }

    public FakeMember owner() {
        return owner;
    }

    public FakeMember botMember() {
        return botMember;
    }

    public List<FakeRole> roles() {
        return List.copyOf(roles);
    }

    public List<FakeMember> members() {
        return memberOrder.stream().map(members::get).toList();
    }

    public Optional<FakeMember> memberById(long userId) {
        return Optional.ofNullable(members.get(userId));
    }

    /** Text channels and the threads the bot created, in creation order. */
    public List<FakeChannel> channels() {
        return channelOrder.stream().map(channels::get).toList();
    }

    public List<FakeChannel> textChannels() {
        return channels().stream().filter(c -> !c.isThread()).toList();
    }

    public List<FakeChannel> threads() {
        return channels().stream().filter(FakeChannel::isThread).toList();
    }

    public Optional<FakeChannel> channel(long channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /** The id of the bot's managed role (the target of a channel's {@link FakeChannel#denyBot} overwrite). */
    long botRoleId() {
        return botRoleId;
    }

    Optional<FakeRole> role(long roleId) {
        return roles.stream().filter(r -> r.id() == roleId).findFirst();
    }

    void removeChannel(long channelId) {
        channels.remove(channelId);
        channelOrder.remove(Long.valueOf(channelId));
    }

    void addChannel(FakeChannel channel) {
        channels.put(channel.id(), channel);
        channelOrder.add(channel.id());
    }

    long permissionsOf(FakeMember member) {
        if (member.userId() == owner.userId()) {
            return ALL_PERMISSIONS;
        }
        long raw = role(id).map(FakeRole::permissions).orElse(0L);
        for (long roleId : member.roleIds()) {
            raw |= role(roleId).map(FakeRole::permissions).orElse(0L);
        }
        return (raw & Permission.ADMINISTRATOR.getRawValue()) != 0 ? ALL_PERMISSIONS : raw;
    }

    private FakeMember addMember(FakeMember member) {
        if (members.putIfAbsent(member.userId(), member) != null) {
            throw new IllegalArgumentException("member " + member.userId() + " already exists in guild " + id);
        }
        memberOrder.add(member.userId());
        return member;
    }
}
