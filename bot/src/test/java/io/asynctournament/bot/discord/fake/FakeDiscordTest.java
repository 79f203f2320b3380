package io.asynctournament.bot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real JDA against {@link FakeDiscord}: login, command registration, interactions, REST failures, reconnects. */
class FakeDiscordTest {
    private static final long GUILD_ID = 710_000_000_000_000_001L;
    private static final long CHANNEL_ID = 710_000_000_000_000_002L;
    private static final long ALICE_ID = 710_000_000_000_000_003L;
    private static final long BOB_ID = 710_000_000_000_000_004L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeDiscord discord;
    private FakeGuild guild;
    private FakeMember alice;
    private FakeMember bob;
    private FakeChannel general;
    private final TinyBot bot = new TinyBot();
    private JDA jda;

    @BeforeEach
    void declareGuild() {
        discord = FakeDiscord.start();
        guild = discord.guild(GUILD_ID, "Async Cup");
        alice = guild.member(ALICE_ID, "alice", Permission.MANAGE_SERVER);
        bob = guild.member(BOB_ID, "bob");
        general = guild.textChannel(CHANNEL_ID, "general");
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        if (jda != null) {
            jda.shutdown(); // graceful: lets in-flight REST calls (e.g. the last interaction answer) finish
            if (!jda.awaitShutdown(WAIT)) {
                jda.shutdownNow();
            }
        }
        discord.close();
    }

    private JDA login() {
        jda = discord.configure(JDABuilder.createDefault("fake-token")
                        .enableIntents(GatewayIntent.GUILD_MEMBERS)
                        .setMemberCachePolicy(MemberCachePolicy.ALL)
                        .addEventListeners(bot))
                .build();
        await().atMost(WAIT).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
        return jda;
    }

    /** complete() with a deadline, so a test can never hang on a request. */
    private static <T> T complete(RestAction<T> action) {
        return action.timeout(WAIT.toSeconds(), TimeUnit.SECONDS).complete();
    }

    private void registerCommands() {
        complete(jda.getGuildById(GUILD_ID).updateCommands().addCommands(
                Commands.slash("tasks", "Manage scheduled tasks")
                        .setContexts(InteractionContextType.GUILD)
                        .addSubcommands(
                                new SubcommandData("pause", "Pause tasks")
                                        .addOptions(new OptionData(OptionType.STRING, "reason", "why", false, true)),
                                new SubcommandData("resume", "Resume tasks")
                                        .addOption(OptionType.INTEGER, "count", "how many", false)),
                Commands.slash("ping", "Ping"),
                Commands.slash("status", "Status")));
    }

    @Test
    void loginSeesTheDeclaredGuildWithMembersRolesAndChannel() {
        login();

        assertThat(jda.getSelfUser().getIdLong()).isEqualTo(discord.botUserId());
        assertThat(jda.getSelfUser().getApplicationIdLong()).isEqualTo(discord.applicationId());
        Guild seen = jda.getGuildById(GUILD_ID);
        assertThat(seen).isNotNull();
        assertThat(seen.getName()).isEqualTo("Async Cup");
        assertThat(seen.getOwnerIdLong()).isEqualTo(guild.owner().userId());
        assertThat(seen.getTextChannels()).extracting(TextChannel::getName).containsExactly("general");
        assertThat(seen.getMembers()).extracting(Member::getIdLong)
                .containsExactlyInAnyOrder(guild.owner().userId(), discord.botUserId(), ALICE_ID, BOB_ID);
        Member aliceMember = seen.getMemberById(ALICE_ID);
        assertThat(aliceMember.getEffectiveName()).isEqualTo("alice");
        assertThat(aliceMember.getRoles()).extracting(r -> r.getName()).containsExactly("alice role");
        assertThat(aliceMember.hasPermission(Permission.MANAGE_SERVER)).isTrue();
        assertThat(seen.getMemberById(BOB_ID).hasPermission(Permission.MANAGE_SERVER)).isFalse();
        assertThat(seen.getSelfMember().hasPermission(Permission.ADMINISTRATOR)).isTrue();
        assertThat(seen.getPublicRole().getIdLong()).isEqualTo(GUILD_ID);
        assertThat(discord.requests()).first().satisfies(r -> assertThat(r.path()).isEqualTo("users/@me"));
        assertThat(discord.identifyCount()).isEqualTo(1);
        await().atMost(WAIT).until(() -> jda.getGatewayPing() >= 0); // heartbeat sent and ACKed
        assertThat(complete(jda.retrieveApplicationInfo()).getIdLong()).isEqualTo(discord.applicationId());
        assertThat(discord.gatewayPayloads()).extracting(p -> p.get("op")).contains(2, 1);
    }

    @Test
    void guildCommandRegistrationIsStoredAndListed() {
        login();
        registerCommands();

        List<Map<String, Object>> stored = discord.guildCommands(GUILD_ID);
        assertThat(stored).extracting(c -> c.get("name")).containsExactly("tasks", "ping", "status");
        assertThat(stored).allSatisfy(c -> {
            assertThat(c.get("id")).isNotNull();
            assertThat(c.get("application_id")).isEqualTo(Long.toUnsignedString(discord.applicationId()));
            assertThat(c.get("guild_id")).isEqualTo(Long.toUnsignedString(GUILD_ID));
        });
        assertThat(discord.commandWrites()).isEqualTo(1);
        assertThat(discord.requests("PUT", "applications/\\d+/guilds/\\d+/commands")).hasSize(1);

        List<Command> retrieved = complete(jda.getGuildById(GUILD_ID).retrieveCommands());
        assertThat(retrieved).extracting(Command::getName).containsExactly("tasks", "ping", "status");
        assertThat(retrieved).extracting(Command::getId).containsExactlyElementsOf(
                stored.stream().map(c -> (String) c.get("id")).toList());
        Command tasks = retrieved.get(0);
        assertThat(tasks.getSubcommands()).extracting(Command.Subcommand::getName).containsExactly("pause", "resume");
        assertThat(tasks.getSubcommands().get(1).getOptions().get(0).getType()).isEqualTo(OptionType.INTEGER);

        registerCommands(); // same definitions again: same ids, one more write
        assertThat(discord.guildCommands(GUILD_ID)).extracting(c -> c.get("id"))
                .containsExactlyElementsOf(stored.stream().map(c -> c.get("id")).toList());
        assertThat(discord.commandWrites()).isEqualTo(2);
    }

    @Test
    void deferredEphemeralSlashCommandReturnsTheFollowUpEmbed() throws InterruptedException {
        login();
        registerCommands();

        SlashReply reply = discord.slash(guild, alice, "tasks pause", Map.of("reason", "maintenance"));

        TinyBot.Seen seen = bot.seen.poll(1, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.userId()).isEqualTo(ALICE_ID);
        assertThat(seen.memberName()).isEqualTo("alice");
        assertThat(seen.guildId()).isEqualTo(GUILD_ID);
        assertThat(seen.channelId()).isEqualTo(CHANNEL_ID);
        assertThat(seen.name()).isEqualTo("tasks");
        assertThat(seen.subcommand()).isEqualTo("pause");
        assertThat(seen.options()).containsExactly(Map.entry("reason", "maintenance"));

        assertThat(reply.deferred()).isTrue();
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.embeds()).hasSize(1);
        assertThat(reply.embeds().get(0)).containsEntry("title", "Tasks paused")
                .containsEntry("description", "reason: maintenance");
        assertThat(reply.ackAfter()).isPositive().isLessThan(WAIT);
        assertThat(reply.requests()).extracting(ApiRequest::method).containsExactly("POST", "POST");
        assertThat(reply.requests().get(0).path()).endsWith("/callback");
        assertThat(reply.requests().get(1).path())
                .isEqualTo("webhooks/" + discord.applicationId() + "/" + reply.token());
    }

    @Test
    void slashCommandOptionsAreTypedAndUnregisteredCommandsWorkToo() throws InterruptedException {
        login();

        SlashReply reply = discord.slash(guild, bob, "tasks resume", Map.of("count", 3));

        assertThat(reply.deferred()).isTrue();
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.content()).isEqualTo("resumed 3 tasks");
        assertThat(reply.embeds()).isEmpty();
        TinyBot.Seen seen = bot.seen.poll(1, TimeUnit.SECONDS);
        assertThat(seen.userId()).isEqualTo(BOB_ID);
        assertThat(seen.options()).containsExactly(Map.entry("count", 3L));
    }

    @Test
    void directEphemeralReply() throws InterruptedException {
        login();

        SlashReply reply = discord.slash(guild, alice, "ping", Map.of());
        Message parsed = bot.callbackMessages.poll(WAIT.toSeconds(), TimeUnit.SECONDS); // from with_response

        assertThat(reply.deferred()).isFalse();
        assertThat(reply.callbackType()).isEqualTo(4);
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.content()).isEqualTo("pong");
        assertThat(reply.requests()).hasSize(1);
        assertThat(reply.requests().get(0).query()).contains("with_response=true");
        assertThat(parsed).isNotNull();
        assertThat(parsed.getContentRaw()).isEqualTo("pong");
        assertThat(parsed.isEphemeral()).isTrue();
        assertThat(parsed.getAuthor().getIdLong()).isEqualTo(discord.botUserId());
    }

    @Test
    void unansweredInteractionFailsTheWaitWithAnAssertionError() {
        login();
        discord.answerTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> discord.slash(guild, alice, "silent", Map.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not answer /silent");
    }

    @Test
    void deferredPublicReplyEditedThroughTheOriginal() {
        login();

        SlashReply reply = discord.slash(guild, alice, "status", Map.of());

        assertThat(reply.deferred()).isTrue();
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.content()).isEqualTo("all systems go");
        assertThat(reply.requests().get(1).method()).isEqualTo("PATCH");
        assertThat(reply.requests().get(1).path()).endsWith("/messages/@original");
    }

    @Test
    void autocompleteReturnsTheBotsChoices() {
        login();
        registerCommands();

        List<String> choices = discord.autocomplete(guild, alice, "tasks pause", "reason", "al", Map.of());

        assertThat(choices).containsExactly("alpha", "alpine");
        ApiRequest callback = discord.requests("POST", "interactions/\\d+/.+/callback").get(0);
        assertThat(callback.json()).containsEntry("type", 8);
    }

    @Test
    void rateLimitedMessageIsRetriedByJda() {
        login();
        discord.failNext("POST", "channels/.*/messages", Failure.rateLimited(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        Message message = complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("hello after 429"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(message.getContentRaw()).isEqualTo("hello after 429");
        assertThat(discord.requests("POST", "channels/\\d+/messages")).extracting(ApiRequest::status)
                .containsExactly(429, 200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(discord.messages(CHANNEL_ID)).extracting(m -> m.get("content")).containsExactly("hello after 429");
    }

    @Test
    void unknownChannelBecomesErrorResponseUnknownChannel() {
        login();
        discord.failNext("POST", "channels/.*/messages", Failure.unknownChannel());

        assertThatThrownBy(() -> complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("x")))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_CHANNEL));
        assertThat(discord.messages(CHANNEL_ID)).isEmpty();
    }

    @Test
    void missingPermissionsBecomesErrorResponseMissingPermissions() {
        login();
        discord.failNext("POST", "channels/.*/messages", Failure.missingPermissions());

        assertThatThrownBy(() -> complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("x")))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
    }

    @Test
    void internalServerErrorIsNotRetried() {
        login();
        discord.failNext("POST", "channels/.*/messages", Failure.serverError());

        assertThatThrownBy(() -> complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("x")))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.SERVER_ERROR);
                    assertThat(e.getResponse().code).isEqualTo(500);
                });
        assertThat(discord.requests("POST", "channels/\\d+/messages")).hasSize(1);
    }

    @Test
    void serviceUnavailableIsRetriedByJda() {
        login();
        discord.failNext("POST", "channels/.*/messages", Failure.serverError(503));

        Message message = complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("after 503"));

        assertThat(message.getContentRaw()).isEqualTo("after 503");
        assertThat(discord.requests("POST", "channels/\\d+/messages")).extracting(ApiRequest::status)
                .containsExactly(503, 200);
    }

    @Test
    void droppedGatewayIsResumedAndInteractionsStillWork() {
        login();
        discord.dropGateway();

        await().atMost(WAIT).until(() -> discord.resumeCount() == 1 && jda.getStatus() == JDA.Status.CONNECTED);
        SlashReply reply = discord.slash(guild, alice, "ping", Map.of());

        assertThat(reply.content()).isEqualTo("pong");
        assertThat(discord.identifyCount()).isEqualTo(1);
        Map<String, Object> resume = discord.gatewayPayloads().stream()
                .filter(p -> Integer.valueOf(6).equals(p.get("op"))).findFirst().orElseThrow();
        assertThat(Json.asMap(resume.get("d"))).containsEntry("seq", 2); // READY and one GUILD_CREATE were seen
    }

    @Test
    void invalidatedSessionIsReIdentified() {
        login();
        discord.dropGatewayAndInvalidateSession();

        await().atMost(WAIT).until(() -> discord.identifyCount() == 2 && jda.getStatus() == JDA.Status.CONNECTED);
        SlashReply reply = discord.slash(guild, alice, "ping", Map.of());

        assertThat(reply.content()).isEqualTo("pong");
        assertThat(jda.getGuildById(GUILD_ID).getMemberById(ALICE_ID)).isNotNull();
    }

    @Test
    void rejectedTokenFailsLogin() {
        discord.rejectToken();

        assertThatThrownBy(() -> discord.configure(JDABuilder.createLight("bad-token")).build())
                .isInstanceOf(InvalidTokenException.class);
        assertThat(discord.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("users/@me");
            assertThat(r.status()).isEqualTo(401);
        });
    }

    @Test
    void threadsMessagesAndEditsAreServed() {
        login();
        TextChannel channel = jda.getTextChannelById(CHANNEL_ID);

        Message announcement = complete(channel.sendMessage("Round 1"));
        Message edited = complete(channel.editMessageById(announcement.getIdLong(), "Round 1 (edited)"));
        ThreadChannel fromMessage = complete(announcement.createThreadChannel("round-1"));
        ThreadChannel privateThread = complete(channel.createThreadChannel("match-1", true));
        complete(privateThread.addThreadMemberById(ALICE_ID));
        complete(privateThread.sendMessage("welcome"));

        assertThat(edited.getContentRaw()).isEqualTo("Round 1 (edited)");
        assertThat(discord.messages(CHANNEL_ID)).extracting(m -> m.get("content")).containsExactly("Round 1 (edited)");
        assertThat(fromMessage.getIdLong()).isEqualTo(announcement.getIdLong());
        assertThat(fromMessage.getParentChannel().getIdLong()).isEqualTo(CHANNEL_ID);
        assertThat(privateThread.getType().isThread()).isTrue();
        assertThat(privateThread.isPublic()).isFalse();
        assertThat(guild.threads()).extracting(FakeChannel::name).containsExactly("round-1", "match-1");
        assertThat(guild.channel(privateThread.getIdLong()).orElseThrow().threadMembers())
                .containsExactlyInAnyOrder(discord.botUserId(), ALICE_ID);
        assertThat(discord.messages(privateThread.getIdLong())).extracting(m -> m.get("content"))
                .containsExactly("welcome");
    }

    @Test
    void groupSubcommandWithUserBooleanAndStringOptions() throws InterruptedException {
        login();

        SlashReply reply = discord.slash(general, bob, "league match report",
                Map.of("opponent", alice, "forfeit", true, "score", "2-1"));

        assertThat(reply.content()).isEqualTo("unknown command");
        TinyBot.Seen seen = bot.seen.poll(1, TimeUnit.SECONDS);
        assertThat(seen.name()).isEqualTo("league");
        assertThat(seen.group()).isEqualTo("match");
        assertThat(seen.subcommand()).isEqualTo("report");
        assertThat(seen.options()).containsOnly(
                Map.entry("opponent", ALICE_ID), Map.entry("forfeit", true), Map.entry("score", "2-1"));
    }

    @Test
    void globalAndSingleCommandRoutesAreServed() {
        login();
        Guild seen = jda.getGuildById(GUILD_ID);

        complete(jda.updateCommands().addCommands(Commands.slash("help", "Help")));
        Command created = complete(seen.upsertCommand("standings", "Standings"));
        Command edited = complete(seen.editCommandById(Command.Type.SLASH, created.getId()).setDescription("Current standings"));

        assertThat(discord.globalCommands()).extracting(c -> c.get("name")).containsExactly("help");
        assertThat(complete(jda.retrieveCommands())).extracting(Command::getName).containsExactly("help");
        assertThat(edited.getId()).isEqualTo(created.getId());
        assertThat(edited.getDescription()).isEqualTo("Current standings");
        assertThat(discord.guildCommands(GUILD_ID)).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("description", "Current standings"));

        complete(seen.deleteCommandById(created.getId()));
        assertThat(discord.guildCommands(GUILD_ID)).isEmpty();
        assertThat(discord.commandWrites()).isEqualTo(4);
        assertThatThrownBy(() -> complete(seen.retrieveCommandById(created.getId())))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_COMMAND));
    }

    @Test
    void persistentBadGatewayIsRetriedFourTimesThenFails() {
        login();
        for (int i = 0; i < 4; i++) {
            discord.failNext("POST", "channels/.*/messages", Failure.serverError(502));
        }

        // JDA sleeps 0.5 + 1 + 2 + 4 s between/after the 4 attempts before giving up
        assertThatThrownBy(() -> complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("lost")))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.SERVER_ERROR);
                    assertThat(e.getResponse().code).isEqualTo(502);
                });
        assertThat(discord.requests("POST", "channels/\\d+/messages")).extracting(ApiRequest::status)
                .containsExactly(502, 502, 502, 502);
    }

    @Test
    void unknownMessagesAndRoutesAnswer404AndAreRecorded() {
        login();
        long strangerId = 710_000_000_000_000_099L;

        assertThatThrownBy(() -> complete(jda.retrieveUserById(strangerId))) // GET users/{id}: not served
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getResponse().code).isEqualTo(404));
        assertThat(discord.requests("GET", "users/" + strangerId)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(404));

        assertThatThrownBy(() -> complete(jda.getTextChannelById(CHANNEL_ID).retrieveMessageById(42L)))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
        assertThat(discord.requests().get(discord.requests().size() - 1))
                .satisfies(r -> assertThat(r.toString()).isEqualTo("GET channels/" + CHANNEL_ID + "/messages/42 -> 404"));
    }

    @Test
    void rawGatewayEventsCanBeDispatched() {
        login();
        FakeMember carol = guild.member(710_000_000_000_000_005L, "carol"); // declared after login: JDA must be told
        Map<String, Object> event = new LinkedHashMap<>(Payloads.member(carol));
        event.put("guild_id", Long.toUnsignedString(GUILD_ID));

        discord.dispatchEvent("GUILD_MEMBER_ADD", event);

        await().atMost(WAIT).until(() -> jda.getGuildById(GUILD_ID).getMemberById(carol.userId()) != null);
        assertThat(jda.getGuildById(GUILD_ID).getMemberById(carol.userId()).getEffectiveName()).isEqualTo("carol");
    }
}
