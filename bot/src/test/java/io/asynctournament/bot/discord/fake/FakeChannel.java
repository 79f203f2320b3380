package io.asynctournament.bot.discord.fake;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A guild channel the fake knows: a text channel declared by the test (type 0) or a thread the bot created
 * (type 11 public, 12 private), with the users added to it.
 */
public final class FakeChannel {
    public static final int TEXT = 0;
    public static final int PUBLIC_THREAD = 11;
    public static final int PRIVATE_THREAD = 12;

    private final FakeGuild guild;
    private final long id;
    private final String name;
    private final int type;
    private final long parentId;
    private final int position;
    private final Set<Long> threadMembers = ConcurrentHashMap.newKeySet();
    private volatile boolean archived;
    private volatile boolean locked;
    private volatile boolean invitable = true;
    private volatile int autoArchiveMinutes = 1440;
    private volatile long botDenied;

    FakeChannel(FakeGuild guild, long id, String name, int type, long parentId, int position) {
        this.guild = guild;
        this.id = id;
        this.name = name;
        this.type = type;
        this.parentId = parentId;
        this.position = position;
    }

    public FakeGuild guild() {
        return guild;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Discord channel type: 0 text, 11 public thread, 12 private thread. */
    public int type() {
        return type;
    }

    public boolean isThread() {
        return type == PUBLIC_THREAD || type == PRIVATE_THREAD;
    }

    /** The parent text channel of a thread, 0 for a text channel. */
    public long parentId() {
        return parentId;
    }

    /**
     * Denies the bot these permissions in this channel, through a permission overwrite on the bot's managed role
     * (as a server admin would set it). Overwrites do not limit an administrator: give the bot's role its invite
     * permissions first ({@link FakeGuild#botPermissions}). Declare it before login: it is sent in GUILD_CREATE.
     */
    public FakeChannel denyBot(net.dv8tion.jda.api.Permission... permissions) {
        botDenied = net.dv8tion.jda.api.Permission.getRaw(permissions);
        return this;
    }

    /** The raw permissions the bot's role is denied here (0: no overwrite). */
    long botDenied() {
        return botDenied;
    }

    int position() {
        return position;
    }

    /** Users added to this thread through {@code PUT channels/{id}/thread-members/{user}} (and its creator). */
    public List<Long> threadMembers() {
        return List.copyOf(threadMembers);
    }

    void addThreadMember(long userId) {
        threadMembers.add(userId);
    }

    /** A thread: whether it is archived (set by {@code PATCH channels/{id}} with {@code archived}). */
    public boolean archived() {
        return archived;
    }

    /** A private thread: whether members other than moderators may invite others (Discord's default: true). */
    public boolean invitable() {
        return invitable;
    }

    /** A thread: minutes of inactivity after which Discord would archive it (60, 1440, 4320 or 10080). */
    public int autoArchiveMinutes() {
        return autoArchiveMinutes;
    }

    /** A thread: whether it is locked (only moderators may unarchive it). */
    public boolean locked() {
        return locked;
    }

    void locked(boolean locked) {
        this.locked = locked;
    }

    void archived(boolean archived) {
        this.archived = archived;
    }

    void invitable(boolean invitable) {
        this.invitable = invitable;
    }

    void autoArchiveMinutes(int minutes) {
        this.autoArchiveMinutes = minutes;
    }
}
