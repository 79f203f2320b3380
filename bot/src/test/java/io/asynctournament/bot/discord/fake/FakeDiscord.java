package io.asynctournament.bot.discord.fake;

import io.asynctournament.bot.discord.fake.InteractionPayloads.CommandPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local fake of Discord (REST API v10 and the gateway websocket) on one MockWebServer, for driving a real JDA
 * end to end. Declare guilds before JDA logs in, {@link #configure} the JDABuilder, then send interactions with
 * {@link #slash} / {@link #autocomplete} / {@link #button} / {@link #stringSelect} / {@link #modalSubmit} and
 * inspect {@link #requests()}.
 */
public final class FakeDiscord implements AutoCloseable {
    /** How long {@link #slash}, {@link #autocomplete}, {@link #button} etc. wait for the bot's answer by default. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private static final String BOT_NAME = "FakeBot";
    private static final Logger LOG = LoggerFactory.getLogger(FakeDiscord.class);

    private final MockWebServer server = new MockWebServer();
    private final long applicationId = Snowflakes.next();
    private final long botUserId = Snowflakes.next();
    private final long applicationOwnerId = Snowflakes.next();
    private final Map<Long, FakeGuild> guilds = new LinkedHashMap<>();
    private final AtomicBoolean tokenRejected = new AtomicBoolean();
    private final CommandRegistry commands = new CommandRegistry(applicationId);
    private final MessageStore messages = new MessageStore();
    private final InteractionTracker interactions;
    private final RestRouter router;
    private Gateway gateway;
    private volatile Duration answerTimeout = ANSWER_TIMEOUT;
    private final Optional<DiscordSpec> spec = DiscordSpec.get();
    private volatile RateLimits rateLimits = RateLimits.discord();
    private volatile Clock clock = Clock.systemUTC();
    private volatile Clock interactionClock; // null: the fake's clock
    private final Buckets buckets = new Buckets(() -> rateLimits);
    private final List<SpecViolation> violations = new CopyOnWriteArrayList<>();
    private final Map<Long, byte[]> attachments = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger attachmentDownloads =
            new java.util.concurrent.atomic.AtomicInteger();
    private int violationsReported; // guarded by violations
    private final Map<Long, Long> dmChannels = new ConcurrentHashMap<>(); // user id -> DM channel id
    private final Set<Long> closedDms = ConcurrentHashMap.newKeySet();

    /** Fakes started and not yet closed with all their violations reported (see SpecViolationsExtension). */
    private static final Set<FakeDiscord> OPEN = ConcurrentHashMap.newKeySet();

    private FakeDiscord() {
        interactions = new InteractionTracker(botAuthor(), applicationId, messages,
                () -> (interactionClock != null ? interactionClock : clock).instant());
        router = new RestRouter(this);
    }

    /** Starts the fake on 127.0.0.1 on a free port. */
    public static FakeDiscord start() {
        return start(0);
    }

    /**
     * Starts the fake on 127.0.0.1 on this port (0: a free one), e.g. one a bot was pointed at with
     * {@link #configure(JDABuilder, int)} before the fake existed.
     */
    public static FakeDiscord start(int port) {
        FakeDiscord discord = new FakeDiscord();
        discord.server.setDispatcher(discord.router);
        try {
            discord.server.start(InetAddress.getLoopbackAddress(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Discord", e);
        }
        discord.gateway = new Gateway(discord.gatewayUrl(), discord.selfUserJson(), discord.applicationId,
                discord::guildList, discord.tokenRejected::get);
        OPEN.add(discord);
        return discord;
    }

    public String restBaseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/api/v10/";
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/gateway";
    }

    /** Points the builder at this fake: REST base URL, gateway URL (session controller), no compression. */
    public JDABuilder configure(JDABuilder builder) {
        return configure(builder, server.getPort());
    }

    /** Points the builder at a fake on 127.0.0.1 on this port, which may start later ({@link #start(int)}). */
    public static JDABuilder configure(JDABuilder builder, int port) {
        return builder
                .setRestConfig(new RestConfig().setBaseUrl("http://127.0.0.1:" + port + "/api/v10/"))
                .setSessionController(new FakeSessionController("ws://127.0.0.1:" + port + "/gateway"))
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false);
    }

    public long applicationId() {
        return applicationId;
    }

    public long botUserId() {
        return botUserId;
    }

    public String botName() {
        return BOT_NAME;
    }

    /** Changes how long {@link #slash}, {@link #button} etc. wait for the answer (default 10 s). */
    public FakeDiscord answerTimeout(Duration timeout) {
        this.answerTimeout = timeout;
        return this;
    }

    /** Declares a guild the bot is in; sent in READY / GUILD_CREATE, so declare it (and its content) first. */
    public synchronized FakeGuild guild(long guildId, String name) {
        if (guilds.containsKey(guildId)) {
            throw new IllegalArgumentException("guild " + guildId + " already declared");
        }
        FakeGuild guild = new FakeGuild(guildId, name, botUserId, BOT_NAME);
        guilds.put(guildId, guild);
        return guild;
    }

    /**
     * Sends a slash command (INTERACTION_CREATE type 2) in the guild's first text channel and waits up to 10 s for
     * the bot's answer: the callback, and for a deferred reply also the follow-up or the edit of the original.
     * Throws AssertionError if the bot does not answer in time.
     *
     * @param commandPath "command", "command subcommand" or "command group subcommand"
     * @param options     leaf options: String (type 3), Integer/Long (4), Boolean (5), Double (10), FakeMember (6,
     *                    user), FakeChannel (7), FakeRole (8), FakeAttachment (11, from {@link #attachment})
     */
    public SlashReply slash(FakeGuild guild, FakeMember member, String commandPath, Map<String, Object> options) {
        return slash(defaultChannel(guild), member, commandPath, options);
    }

    /** {@link #slash(FakeGuild, FakeMember, String, Map)} in a given channel (a text channel or a bot's thread). */
    public SlashReply slash(FakeChannel channel, FakeMember member, String commandPath, Map<String, Object> options) {
        CommandPath path = CommandPath.parse(commandPath);
        long guildId = channel.guild().id();
        Map<String, Object> data = InteractionPayloads.commandData(
                commandId(guildId, path.name()), commandScope(guildId, path.name()), path, options, null);
        PendingInteraction pending = send(channel, member, InteractionPayloads.COMMAND, data, null);
        return new SlashReply(await(pending, "/" + commandPath));
    }

    /**
     * Sends an autocomplete interaction (type 4) for {@code focusedOption} with the partial input
     * {@code typedValue} and returns the values of the choices the bot sent (callback type 8).
     */
    public List<String> autocomplete(FakeGuild guild, FakeMember member, String commandPath, String focusedOption,
            String typedValue, Map<String, Object> otherOptions) {
        CommandPath path = CommandPath.parse(commandPath);
        long guildId = guild.id();
        int type = optionType(guildId, path, focusedOption).orElse(3);
        Map<String, Object> data = InteractionPayloads.commandData(commandId(guildId, path.name()),
                commandScope(guildId, path.name()), path, otherOptions,
                InteractionPayloads.focused(focusedOption, type, typedValue));
        PendingInteraction pending = send(defaultChannel(guild), member, InteractionPayloads.AUTOCOMPLETE, data, null);
        PendingInteraction answered = await(pending, "autocomplete /" + commandPath + " " + focusedOption);
        if (answered.callbackType() != 8) {
            throw new AssertionError("autocomplete answered with callback type " + answered.callbackType());
        }
        List<String> values = new ArrayList<>();
        for (Object choice : Json.asList(answered.callbackData().get("choices"))) {
            values.add(String.valueOf(Json.asMap(choice).get("value")));
        }
        return values;
    }

    /**
     * Clicks a button (MESSAGE_COMPONENT interaction, component_type 2) on a message the bot sent, e.g. from
     * {@link #messages(long)} or {@link SlashReply#message()}, and waits for the answer like {@link #slash}; a
     * deferred update (6) counts as answered once the message was edited or a follow-up sent.
     *
     * @throws IllegalArgumentException if the message has no enabled button with this custom id
     */
    public ComponentReply button(FakeChannel channel, FakeMember member, Map<String, Object> message,
            String customId) {
        Map<String, Object> button = component(message, customId, ComponentPayloads.BUTTON, "button");
        Map<String, Object> data = ComponentPayloads.componentData(button, null);
        PendingInteraction pending = send(channel, member, ComponentPayloads.COMPONENT, data, message);
        return new ComponentReply(await(pending, "button " + customId));
    }

    /** {@link #button(FakeChannel, FakeMember, Map, String)} on the bot's message with this id, as stored now. */
    public ComponentReply button(FakeChannel channel, FakeMember member, long messageId, String customId) {
        return button(channel, member, botMessage(channel, messageId), customId);
    }

    /**
     * Chooses {@code values} in a string select menu (component_type 3) on a message the bot sent and waits for
     * the answer like {@link #button}.
     *
     * @throws IllegalArgumentException if there is no such enabled menu, a value is not one of its options, or the
     *                                  number of values is outside its min/max
     */
    public ComponentReply stringSelect(FakeChannel channel, FakeMember member, Map<String, Object> message,
            String customId, List<String> values) {
        Map<String, Object> menu = component(message, customId, ComponentPayloads.STRING_SELECT, "string select");
        checkChoice(menu, values);
        Map<String, Object> data = ComponentPayloads.componentData(menu, values);
        PendingInteraction pending = send(channel, member, ComponentPayloads.COMPONENT, data, message);
        return new ComponentReply(await(pending, "string select " + customId + " " + values));
    }

    /** {@link #stringSelect(FakeChannel, FakeMember, Map, String, List)} on the bot's message with this id. */
    public ComponentReply stringSelect(FakeChannel channel, FakeMember member, long messageId, String customId,
            List<String> values) {
        return stringSelect(channel, member, botMessage(channel, messageId), customId, values);
    }

    /**
     * Submits a modal (MODAL_SUBMIT, type 5) with these text input values keyed by their custom ids, in the shape
     * JDA 6 parses (each text input in a Label), and waits for the answer like {@link #slash}.
     *
     * @param customId the modal's custom id, e.g. {@code reply.modal().customId()}
     */
    public ComponentReply modalSubmit(FakeChannel channel, FakeMember member, String customId,
            Map<String, String> textInputs) {
        return modalSubmit(channel, member, null, customId, textInputs);
    }

    /**
     * {@link #modalSubmit(FakeChannel, FakeMember, String, Map)} for a modal opened from a component on
     * {@code message} (Discord then sends that message, which the bot may update with callback 6 or 7).
     */
    public ComponentReply modalSubmit(FakeChannel channel, FakeMember member, Map<String, Object> message,
            String customId, Map<String, String> textInputs) {
        Map<String, Object> data = ComponentPayloads.modalSubmitData(customId, textInputs);
        PendingInteraction pending = send(channel, member, ComponentPayloads.MODAL_SUBMIT, data, message);
        return new ComponentReply(await(pending, "modal " + customId));
    }

    /**
     * A file for a slash command's attachment option: pass it as an option value to {@link #slash}. The fake serves
     * its bytes at its url (GET, outside the API: Discord's CDN is not part of its OpenAPI description).
     *
     * @param contentType its media type, e.g. {@code text/csv; charset=utf-8}
     */
    public FakeAttachment attachment(String filename, String contentType, byte[] content) {
        long id = Snowflakes.next();
        attachments.put(id, content.clone());
        String url = "http://127.0.0.1:" + server.getPort() + "/attachments/" + Long.toUnsignedString(id) + "/"
                + filename.replaceAll("[^A-Za-z0-9._-]", "_");
        return new FakeAttachment(id, filename, contentType, content.length, url);
    }

    /** How many times the bytes of an attachment were downloaded. */
    public int attachmentDownloads() {
        return attachmentDownloads.get();
    }

    /**
     * Deletes a message of the bot as a member would by hand (no request from the bot): a later GET, PATCH or
     * DELETE of it is answered 404 Unknown Message (10008).
     *
     * @return false when there was no such message
     */
    public boolean deleteMessageByHand(long channelId, long messageId) {
        return messages.delete(channelId, messageId);
    }

    /** Every REST request received so far, in order (failed and unknown ones included). */
    public List<ApiRequest> requests() {
        return router.requests();
    }

    /** REST requests with this method whose path (below /api/v10/, no query) fully matches the regex. */
    public List<ApiRequest> requests(String method, String pathRegex) {
        return requests().stream().filter(r -> r.matches(method, pathRegex)).toList();
    }

    /** Files the bot uploaded (message and interaction attachments), in order, with their bytes. */
    public List<UploadedFile> uploads() {
        return router.uploads();
    }

    /**
     * How many edits of this channel message Discord accepted ({@code PATCH channels/{channel}/messages/{message}},
     * answered 200); interaction responses are not counted.
     */
    public int messageEdits(long channelId, long messageId) {
        return (int) requests("PATCH", "channels/" + Long.toUnsignedString(channelId) + "/messages/"
                + Long.toUnsignedString(messageId)).stream().filter(r -> r.status() == 200).count();
    }

    /** The guild's command definitions as stored after PUT/POST/PATCH/DELETE (empty if none). */
    public List<Map<String, Object>> guildCommands(long guildId) {
        return commands.list(guildId);
    }

    /** The global command definitions. */
    public List<Map<String, Object>> globalCommands() {
        return commands.list(0L);
    }

    /** How many PUT/POST/PATCH/DELETE requests touched application commands (global or guild). */
    public int commandWrites() {
        return commands.writes();
    }

    /** Messages the bot created in a channel or thread through REST, oldest first (edits applied). */
    public List<Map<String, Object>> messages(long channelId) {
        return messages.inChannel(channelId);
    }

    /**
     * From now until {@link #stopFailing()}, every request with this method ({@code *}: any) and a path fully matching
     * the regex gets this failure (e.g. 502 for an outage of Discord's API).
     */
    public void failAll(String method, String pathRegex, Failure failure) {
        router.failAll(method, pathRegex, failure);
    }

    /** Ends {@link #failAll}. */
    public void stopFailing() {
        router.stopFailing();
    }

    /** How many message creates were answered with the earlier message of the same nonce ({@code enforce_nonce}). */
    public int nonceReplays() {
        return messages.nonceReplays();
    }

    /**
     * A private thread under {@code parent}, created as if by the bot earlier (no request; JDA learns of it only
     * through REST), with the bot and {@code members} in it.
     */
    public FakeChannel threadByHand(FakeChannel parent, String name, long... members) {
        FakeChannel thread = new FakeChannel(parent.guild(), Snowflakes.next(), name, FakeChannel.PRIVATE_THREAD,
                parent.id(), parent.guild().channels().size());
        thread.addThreadMember(botUserId);
        for (long member : members) {
            thread.addThreadMember(member);
        }
        thread.autoArchiveMinutes(10080);
        parent.guild().addChannel(thread);
        return thread;
    }

    /**
     * Sends THREAD_CREATE for a thread made by hand, as Discord does for a thread the bot is in: JDA then has it in
     * its cache, as it has the threads it created while running.
     */
    public void announceThread(FakeChannel thread) {
        dispatchEvent("THREAD_CREATE", Payloads.channel(thread));
    }

    /**
     * Archives a thread as Discord does after its inactivity limit or a moderator would (optionally locked), and
     * sends THREAD_UPDATE: JDA drops an archived thread from its cache.
     */
    public void archiveThreadByHand(long threadId, boolean locked) {
        FakeChannel thread = findChannel(threadId).filter(FakeChannel::isThread)
                .orElseThrow(() -> new IllegalArgumentException("no thread " + threadId));
        thread.archived(true);
        thread.locked(locked);
        dispatchEvent("THREAD_UPDATE", Payloads.channel(thread));
    }

    /** Deletes a thread as a moderator would (GET channels/{id} then answers 10003), and sends THREAD_DELETE. */
    public void deleteThreadByHand(long threadId) {
        FakeChannel thread = findChannel(threadId).filter(FakeChannel::isThread)
                .orElseThrow(() -> new IllegalArgumentException("no thread " + threadId));
        thread.guild().removeChannel(threadId);
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("id", Long.toUnsignedString(threadId));
        deleted.put("guild_id", Long.toUnsignedString(thread.guild().id()));
        deleted.put("parent_id", Long.toUnsignedString(thread.parentId()));
        deleted.put("type", thread.type());
        dispatchEvent("THREAD_DELETE", deleted);
    }

    /** The user closes (or opens again) their DMs to the bot: a message to them is answered 403, error 50007. */
    public void closeDms(long userId, boolean closed) {
        if (closed) {
            closedDms.add(userId);
        } else {
            closedDms.remove(userId);
        }
    }

    /** Messages the bot sent to the user by DM, oldest first (empty when it never opened a DM with them). */
    public List<Map<String, Object>> dms(long userId) {
        Long channelId = dmChannels.get(userId);
        return channelId == null ? List.of() : messages.inChannel(channelId);
    }

    /** The next request with this method and a path (below /api/v10/, no query) fully matching the regex fails. */
    public void failNext(String method, String pathRegex, Failure failure) {
        router.failNext(method, pathRegex, failure);
    }

    /** Closes the gateway websocket (code 1001, resumable): JDA reconnects and RESUMEs; the fake sends RESUMED. */
    public void dropGateway() {
        gateway.drop(1001, "Going away");
    }

    /**
     * Closes the gateway websocket and answers JDA's RESUME with INVALID_SESSION (op 9, not resumable): JDA drops
     * its cache and IDENTIFYs again (after its 2 s reconnect back-off), getting a fresh READY and GUILD_CREATEs.
     */
    public void dropGatewayAndInvalidateSession() {
        gateway.invalidateSessions();
        gateway.drop(1001, "Going away");
    }

    /**
     * From now until {@link #releaseGateway()}, a new gateway connection gets no HELLO, so a dropped session stays
     * down; events dispatched meanwhile ({@link #dispatchEvent}, interactions) are kept and replayed on RESUME.
     */
    public void holdGateway() {
        gateway.hold(true);
    }

    /** Sends HELLO to the connections held by {@link #holdGateway()} and lets new ones through. */
    public void releaseGateway() {
        gateway.hold(false);
    }

    /**
     * The heartbeat interval announced in HELLO to connections opened from now on (default 41.25 s, as Discord);
     * a short one lets a test see JDA react to missed heartbeat ACKs.
     */
    public FakeDiscord heartbeatInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        gateway.heartbeatInterval(interval);
        return this;
    }

    /**
     * The open gateway connections stop acknowledging heartbeats (op 11), as a zombie connection: after two
     * unacknowledged heartbeats JDA closes it (code 4900) and RESUMEs on a new one, which acknowledges normally.
     */
    public void withholdHeartbeatAcks() {
        gateway.withholdAcks();
    }

    /** Close codes of the gateway connections the bot closed itself, in order (4900: JDA's reconnect). */
    public List<Integer> gatewayCloseCodes() {
        return gateway.closeCodes();
    }

    /** The frames the fake sent on each gateway connection (HELLO, dispatches with their {@code s}, ACKs). */
    public List<List<Map<String, Object>>> gatewayFramesSent() {
        return gateway.sentPerConnection();
    }

    /** Makes GET users/@me answer 401 (JDA then fails login with InvalidTokenException) and IDENTIFY close 4004. */
    public void rejectToken() {
        tokenRejected.set(true);
    }

    /** Whether every gateway session (one per shard) is ready: READY or RESUMED sent on an open connection. */
    public boolean gatewayConnected() {
        return gateway.isLive();
    }

    /** Number of IDENTIFY (op 2) payloads answered with READY. */
    public int identifyCount() {
        return gateway.identifies();
    }

    /** Number of RESUME (op 6) payloads answered with RESUMED. */
    public int resumeCount() {
        return gateway.resumes();
    }

    /** Every payload JDA sent on the gateway ({op, d, ...}; tokens redacted), in order. */
    public List<Map<String, Object>> gatewayPayloads() {
        return gateway.received();
    }

    /**
     * Sends any dispatch event (op 0) to the session of the shard that owns {@code data.guild_id} (shard 0 if none).
     * While that session is down but resumable the event is kept and replayed on RESUME; before any session it
     * waits up to 10 s for one.
     */
    public void dispatchEvent(String type, Map<String, Object> data) {
        gateway.dispatch(type, data, ANSWER_TIMEOUT);
    }

    /**
     * Replaces the rate limits this fake enforces (default {@link RateLimits#discord()}); {@link RateLimits#off()}
     * for a test that measures something else. Takes effect from the next request.
     */
    public FakeDiscord rateLimits(RateLimits limits) {
        this.rateLimits = limits;
        return this;
    }

    /**
     * The clock the fake reads when a request arrives: its rate-limit windows and {@link ApiRequest#receivedAt()}.
     * A fixed clock makes raw-HTTP rate-limit tests exact; with JDA keep the system clock (JDA waits in real time).
     */
    public FakeDiscord clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * The clock the ids of new interactions are made from (a snowflake encodes when Discord received the
     * interaction; the bot takes a racer's press time from it). Default: the fake's {@link #clock(Clock)}. It is apart
     * from that clock so that a test can move interaction time (e.g. past a race's deadline) without moving the
     * rate-limit windows JDA waits on in real time. Keep it within 15 minutes before real time: JDA treats an
     * interaction older than that as expired.
     */
    public FakeDiscord interactionClock(Clock clock) {
        this.interactionClock = clock;
        return this;
    }

    /** Whether requests and responses are checked against Discord's OpenAPI spec (false where it is absent). */
    public boolean specChecked() {
        return spec.isPresent();
    }

    /** Every violation of Discord's spec recorded so far, requests and responses, in order. */
    public List<SpecViolation> specViolations() {
        return List.copyOf(violations);
    }

    /**
     * The violations not yet reported, which now count as reported: for a test that sends a bad request on
     * purpose and asserts on what was found.
     */
    public List<SpecViolation> takeSpecViolations() {
        synchronized (violations) {
            List<SpecViolation> unreported = List.copyOf(violations.subList(violationsReported, violations.size()));
            violationsReported = violations.size();
            return unreported;
        }
    }

    /**
     * Throws an AssertionError naming each violation of Discord's spec (route and schema errors) not yet reported
     * (or taken), then counts them as reported. {@link #close()} calls it, and so does
     * {@link SpecViolationsExtension} after every test.
     */
    public void assertNoSpecViolations() {
        List<SpecViolation> unreported = takeSpecViolations();
        if (!unreported.isEmpty()) {
            StringBuilder message = new StringBuilder("the fake Discord saw " + unreported.size()
                    + " violation(s) of Discord's OpenAPI spec (" + spec.map(DiscordSpec::file).orElse(null) + "):");
            for (SpecViolation violation : unreported) {
                message.append("\n  ").append(violation);
            }
            throw new AssertionError(message.toString());
        }
    }

    /** Closes the server, then fails (AssertionError) if a violation of Discord's spec was not reported yet. */
    @Override
    public void close() {
        try {
            if (gateway != null) {
                gateway.closeAll();
            }
            server.close();
        } finally {
            OPEN.remove(this);
            if (spec.isPresent()) {
                LOG.info("fake Discord closed: {}", router.checkSummary());
            }
            assertNoSpecViolations();
        }
    }

    /** {@link #assertNoSpecViolations()} on every fake still open (a closed one reported its own in close()). */
    static void assertNoSpecViolationsInAnyFake() {
        List<String> failures = new ArrayList<>();
        for (FakeDiscord discord : OPEN) {
            try {
                discord.assertNoSpecViolations();
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    // --- package-private state for the routes and the gateway ---

    Gateway gateway() {
        return gateway;
    }

    Optional<DiscordSpec> spec() {
        return spec;
    }

    Buckets buckets() {
        return buckets;
    }

    Clock clock() {
        return clock;
    }

    void recordViolation(SpecViolation violation) {
        synchronized (violations) {
            violations.add(violation);
        }
    }

    /** The bytes of an attachment served at /attachments/{id}/..., counted as a download; empty if unknown. */
    Optional<byte[]> downloadAttachment(long id) {
        byte[] content = attachments.get(id);
        if (content == null) {
            return Optional.empty();
        }
        attachmentDownloads.incrementAndGet();
        return Optional.of(content);
    }

    /** The DM channel of the bot with this user, opened on first use (POST users/@me/channels). */
    long dmChannelOf(long userId) {
        return dmChannels.computeIfAbsent(userId, u -> Snowflakes.next());
    }

    Optional<Long> dmUserOf(long channelId) {
        return dmChannels.entrySet().stream().filter(e -> e.getValue() == channelId).map(Map.Entry::getKey)
                .findFirst();
    }

    boolean dmsClosed(long userId) {
        return closedDms.contains(userId);
    }

    CommandRegistry commands() {
        return commands;
    }

    MessageStore messages() {
        return messages;
    }

    InteractionTracker interactions() {
        return interactions;
    }

    boolean tokenRejected() {
        return tokenRejected.get();
    }

    synchronized Optional<FakeGuild> findGuild(long guildId) {
        return Optional.ofNullable(guilds.get(guildId));
    }

    synchronized Optional<FakeChannel> findChannel(long channelId) {
        return guilds.values().stream().flatMap(g -> g.channel(channelId).stream()).findFirst();
    }

    synchronized List<FakeGuild> guildList() {
        return List.copyOf(guilds.values());
    }

    Map<String, Object> selfUserJson() {
        return Payloads.selfUser(botUserId, BOT_NAME);
    }

    Map<String, Object> botAuthor() {
        return Payloads.user(botUserId, BOT_NAME, true);
    }

    Map<String, Object> applicationInfo() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(applicationId));
        json.put("name", BOT_NAME);
        json.put("icon", null);
        json.put("description", "");
        json.put("summary", "");
        json.put("bot_public", true);
        json.put("bot_require_code_grant", false);
        json.put("verify_key", "0");
        json.put("type", null);
        json.put("flags", 0);
        json.put("flags_new", "0");
        json.put("owner", Payloads.user(applicationOwnerId, "app-owner", false));
        json.put("team", null);
        json.put("tags", List.of());
        json.put("redirect_uris", List.of());
        json.put("interactions_endpoint_url", null);
        json.put("role_connections_verification_url", null);
        json.put("install_params", Map.of("scopes", List.of("bot", "applications.commands"), "permissions", "0"));
        json.put("bot", selfUserJson());
        json.put("approximate_guild_count", guildList().size());
        json.put("approximate_user_install_count", 0);
        json.put("approximate_user_authorization_count", 0);
        json.put("explicit_content_filter", 0);
        json.put("eligible_oauth2_scopes", List.of("bot", "applications.commands"));
        return json;
    }

    // --- internals ---

    private FakeChannel defaultChannel(FakeGuild guild) {
        return guild.textChannels().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("guild " + guild.id() + " has no text channel"));
    }

    /** Dispatches an interaction; {@code message} (or null) is the message its component is on. */
    private PendingInteraction send(FakeChannel channel, FakeMember member, int type, Map<String, Object> data,
            Map<String, Object> message) {
        if (findGuild(channel.guild().id()).orElse(null) != channel.guild()) {
            throw new IllegalArgumentException("guild " + channel.guild().id() + " is not declared on this fake");
        }
        PendingInteraction pending = interactions.register(channel.id(), channel.guild().id(), type, message);
        Map<String, Object> payload = InteractionPayloads.interaction(applicationId, pending, type, channel, member,
                data);
        if (message != null) {
            payload.put("message", Json.copyMap(message));
        }
        pending.dispatchedAt = Instant.now();
        gateway.dispatch("INTERACTION_CREATE", payload, ANSWER_TIMEOUT);
        return pending;
    }

    private PendingInteraction await(PendingInteraction pending, String what) {
        try {
            return pending.answered.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the bot did not answer " + what + " within " + answerTimeout
                    + "; requests for it: " + pending.requests, e);
        } catch (ExecutionException e) {
            throw new AssertionError("interaction failed: " + what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    /** A message the bot sent in the channel: a channel message, else an interaction response. */
    private Map<String, Object> botMessage(FakeChannel channel, long messageId) {
        return messages.get(channel.id(), messageId)
                .or(() -> interactions.responseMessageCopy(Long.toUnsignedString(messageId)))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no message " + Long.toUnsignedString(messageId) + " of the bot in channel " + channel.id()));
    }

    /** The enabled component of this type and custom id on the message, or IllegalArgumentException. */
    private static Map<String, Object> component(Map<String, Object> message, String customId, int type,
            String what) {
        Map<String, Object> component = ComponentPayloads.find(message, customId)
                .filter(c -> c.get("type") instanceof Number n && n.intValue() == type)
                .orElseThrow(() -> new IllegalArgumentException("message " + message.get("id") + " has no " + what
                        + " with custom id " + customId + "; its components: " + message.get("components")));
        if (Boolean.TRUE.equals(component.get("disabled"))) {
            throw new IllegalArgumentException(what + " " + customId + " is disabled");
        }
        return component;
    }

    /** Discord only lets a user pick offered values, between min_values (default 1) and max_values (default 1). */
    private static void checkChoice(Map<String, Object> menu, List<String> values) {
        List<Object> offered = Json.asList(menu.get("options")).stream().map(o -> Json.asMap(o).get("value")).toList();
        if (!offered.containsAll(values)) {
            throw new IllegalArgumentException("values " + values + " are not all among the options " + offered);
        }
        int min = menu.get("min_values") instanceof Number n ? n.intValue() : 1;
        int max = menu.get("max_values") instanceof Number n ? n.intValue() : 1;
        if (values.size() < min || values.size() > max) {
            throw new IllegalArgumentException(values.size() + " values chosen, the menu takes " + min + ".." + max);
        }
    }

    private long commandId(long guildId, String name) {
        return commands.idOf(guildId, name).orElseGet(Snowflakes::next);
    }

    /** guild_id in the command data: the guild for guild commands (or unregistered ones), 0 for global ones. */
    private long commandScope(long guildId, String name) {
        boolean global = commands.list(guildId).stream().noneMatch(c -> name.equals(c.get("name")))
                && commands.list(0L).stream().anyMatch(c -> name.equals(c.get("name")));
        return global ? 0L : guildId;
    }

    /** The registered type of an option of the command at {@code path}, if the bot registered it. */
    private Optional<Integer> optionType(long guildId, CommandPath path, String optionName) {
        List<Map<String, Object>> all = new ArrayList<>(commands.list(guildId));
        all.addAll(commands.list(0L));
        for (Map<String, Object> command : all) {
            if (!path.name().equals(command.get("name"))) {
                continue;
            }
            List<Object> options = Json.asList(command.get("options"));
            for (String level : new String[] {path.group(), path.subcommand()}) {
                if (level != null) {
                    options = options.stream().map(Json::asMap).filter(o -> level.equals(o.get("name")))
                            .findFirst().map(o -> Json.asList(o.get("options"))).orElse(List.of());
                }
            }
            for (Object option : options) {
                Map<String, Object> map = Json.asMap(option);
                if (optionName.equals(map.get("name")) && map.get("type") instanceof Number n) {
                    return Optional.of(n.intValue());
                }
            }
        }
        return Optional.empty();
    }
}
