package io.asynctournament.bot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's gateway as Discord runs it: heartbeat ACKs, zombie connections, RESUME replay, one session per shard. */
class FakeDiscordGatewayTest {
    /** (id >> 22) % 2: this guild is on shard 1 of 2 ... */
    private static final long GUILD_ID = 760_000_000_000_000_001L;
    /** ... and this one on shard 0. */
    private static final long OTHER_GUILD_ID = 760_000_000_004_194_305L;
    private static final long CHANNEL_ID = 760_000_000_000_000_002L;
    private static final long OTHER_CHANNEL_ID = 760_000_000_000_000_003L;
    private static final long ALICE_ID = 760_000_000_000_000_010L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeDiscord discord;
    private FakeGuild guild;
    private FakeGuild otherGuild;
    private final List<JDA> jdas = new ArrayList<>();

    /** Joins seen by one JDA, and the TinyBot answering its interactions. */
    private static final class Joins extends ListenerAdapter {
        final List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onGuildMemberJoin(GuildMemberJoinEvent event) {
            names.add(event.getGuild().getIdLong() + ":" + event.getUser().getName());
        }
    }

    @BeforeEach
    void declareGuilds() {
        discord = FakeDiscord.start();
        guild = discord.guild(GUILD_ID, "Shard One Cup");
        guild.textChannel(CHANNEL_ID, "general");
        guild.member(ALICE_ID, "alice");
        otherGuild = discord.guild(OTHER_GUILD_ID, "Shard Zero Cup");
        otherGuild.textChannel(OTHER_CHANNEL_ID, "general");
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        for (JDA jda : jdas) {
            jda.shutdown();
            if (!jda.awaitShutdown(WAIT)) {
                jda.shutdownNow();
            }
        }
        discord.close();
    }

    private JDA login(JDABuilder builder) {
        JDA jda = discord.configure(builder
                        .enableIntents(GatewayIntent.GUILD_MEMBERS)
                        .setMemberCachePolicy(MemberCachePolicy.ALL))
                .build();
        jdas.add(jda);
        await().atMost(WAIT).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
        return jda;
    }

    private static Map<String, Object> memberAdd(FakeGuild guild, FakeMember member) {
        Map<String, Object> event = new LinkedHashMap<>(Payloads.member(member));
        event.put("guild_id", Long.toUnsignedString(guild.id()));
        return event;
    }

    private static List<Map<String, Object>> dispatches(List<Map<String, Object>> frames) {
        return frames.stream().filter(f -> Integer.valueOf(0).equals(f.get("op"))).toList();
    }

    @Test
    void heartbeatsAreAcknowledged() {
        discord.heartbeatInterval(Duration.ofMillis(200));
        JDA jda = login(JDABuilder.createDefault("fake-token"));

        await().atMost(WAIT).until(() -> discord.gatewayPayloads().stream()
                .filter(p -> Integer.valueOf(1).equals(p.get("op"))).count() >= 3);
        long acks = discord.gatewayFramesSent().get(0).stream()
                .filter(f -> Integer.valueOf(11).equals(f.get("op"))).count();

        assertThat(acks).isGreaterThanOrEqualTo(3);
        assertThat(jda.getGatewayPing()).isNotNegative();
        assertThat(discord.gatewayFramesSent().get(0).get(0))
                .containsEntry("op", 10)
                .satisfies(hello -> assertThat(Json.asMap(hello.get("d"))).containsEntry("heartbeat_interval", 200));
        assertThat(discord.resumeCount()).isZero();
    }

    @Test
    void missedHeartbeatAcksMakeJdaReconnectAndResume() {
        discord.heartbeatInterval(Duration.ofMillis(250));
        JDA jda = login(JDABuilder.createDefault("fake-token").addEventListeners(new TinyBot()));
        await().atMost(WAIT).until(() -> jda.getGatewayPing() >= 0);

        discord.withholdHeartbeatAcks();

        await().atMost(WAIT).until(() -> discord.resumeCount() == 1 && jda.getStatus() == JDA.Status.CONNECTED);
        assertThat(discord.gatewayCloseCodes()).containsExactly(4900); // JDA's "ZOMBIE CONNECTION"
        assertThat(discord.identifyCount()).isEqualTo(1);
        assertThat(discord.gatewayFramesSent()).hasSize(2);
        SlashReply reply = discord.slash(guild, guild.memberById(ALICE_ID).orElseThrow(), "ping", Map.of());
        assertThat(reply.content()).isEqualTo("pong"); // the new connection works (and acknowledges heartbeats)
    }

    @Test
    void resumeReplaysTheEventsSentWhileTheSessionWasDownThenSendsResumed() {
        JDA jda = login(JDABuilder.createDefault("fake-token"));
        discord.holdGateway();
        discord.dropGateway();
        await().atMost(WAIT).until(() -> !discord.gatewayConnected());

        FakeMember carol = guild.member(760_000_000_000_000_011L, "carol");
        FakeMember dave = guild.member(760_000_000_000_000_012L, "dave");
        discord.dispatchEvent("GUILD_MEMBER_ADD", memberAdd(guild, carol)); // kept: the session is down
        discord.dispatchEvent("GUILD_MEMBER_ADD", memberAdd(guild, dave));
        assertThat(jda.getGuildById(GUILD_ID).getMemberById(carol.userId())).isNull();
        discord.releaseGateway();

        await().atMost(WAIT).until(() -> discord.resumeCount() == 1 && jda.getStatus() == JDA.Status.CONNECTED);
        await().atMost(WAIT).until(() -> jda.getGuildById(GUILD_ID).getMemberById(dave.userId()) != null);
        assertThat(jda.getGuildById(GUILD_ID).getMemberById(carol.userId()).getEffectiveName()).isEqualTo("carol");
        assertThat(discord.identifyCount()).isEqualTo(1);

        Map<String, Object> resume = discord.gatewayPayloads().stream()
                .filter(p -> Integer.valueOf(6).equals(p.get("op"))).findFirst().orElseThrow();
        int seen = ((Number) Json.asMap(resume.get("d")).get("seq")).intValue();
        List<List<Map<String, Object>>> connections = discord.gatewayFramesSent();
        List<Map<String, Object>> replayed = dispatches(connections.get(connections.size() - 1));
        assertThat(replayed).extracting(f -> f.get("t"), f -> f.get("s"))
                .startsWith(org.assertj.core.groups.Tuple.tuple("GUILD_MEMBER_ADD", seen + 1),
                        org.assertj.core.groups.Tuple.tuple("GUILD_MEMBER_ADD", seen + 2),
                        org.assertj.core.groups.Tuple.tuple("RESUMED", seen + 3));
        // what JDA had already seen is not sent again
        assertThat(dispatches(connections.get(0))).extracting(f -> ((Number) f.get("s")).intValue())
                .allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(seen));
    }

    @Test
    void twoShardsEachReceiveTheEventsOfTheirOwnGuilds() throws InterruptedException {
        TinyBot bot0 = new TinyBot();
        TinyBot bot1 = new TinyBot();
        Joins joins0 = new Joins();
        Joins joins1 = new Joins();
        JDA shard0 = login(JDABuilder.createDefault("fake-token").useSharding(0, 2).addEventListeners(bot0, joins0));
        JDA shard1 = login(JDABuilder.createDefault("fake-token").useSharding(1, 2).addEventListeners(bot1, joins1));

        assertThat(shard0.getGuilds()).extracting(Guild::getIdLong).containsExactly(OTHER_GUILD_ID);
        assertThat(shard1.getGuilds()).extracting(Guild::getIdLong).containsExactly(GUILD_ID);
        assertThat(discord.identifyCount()).isEqualTo(2);
        assertThat(discord.gatewayPayloads().stream().filter(p -> Integer.valueOf(2).equals(p.get("op")))
                .map(p -> Json.asMap(p.get("d")).get("shard")).toList())
                .containsExactlyInAnyOrder(List.of(0, 2), List.of(1, 2));

        FakeMember erin = otherGuild.member(760_000_000_000_000_020L, "erin");
        FakeMember frank = guild.member(760_000_000_000_000_021L, "frank");
        discord.dispatchEvent("GUILD_MEMBER_ADD", memberAdd(otherGuild, erin));
        discord.dispatchEvent("GUILD_MEMBER_ADD", memberAdd(guild, frank));
        SlashReply reply = discord.slash(guild, guild.memberById(ALICE_ID).orElseThrow(), "ping", Map.of());

        await().atMost(WAIT).until(() -> joins0.names.size() == 1 && joins1.names.size() == 1);
        assertThat(joins0.names).containsExactly(OTHER_GUILD_ID + ":erin");
        assertThat(joins1.names).containsExactly(GUILD_ID + ":frank");
        assertThat(reply.content()).isEqualTo("pong");
        assertThat(bot1.seen.poll(1, TimeUnit.SECONDS)).isNotNull()
                .satisfies(seen -> assertThat(seen.guildId()).isEqualTo(GUILD_ID));
        assertThat(bot0.seen).isEmpty();
        assertThat(shard0.getGuildById(GUILD_ID)).isNull();
    }
}
