package io.asynctournament.bot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fake enforces Discord's rate limits, and real JDA's rate limiter copes with them as in production. */
class FakeDiscordRateLimitTest {
    private static final Logger LOG = LoggerFactory.getLogger(FakeDiscordRateLimitTest.class);
    private static final long GUILD_ID = 750_000_000_000_000_001L;
    private static final long CHANNEL_ID = 750_000_000_000_000_002L;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OkHttpClient http = new OkHttpClient();
    private FakeDiscord discord;
    private FakeGuild guild;
    private JDA jda;

    private record Answer(int status, Map<String, Object> json, okhttp3.Headers headers) {}

    @BeforeEach
    void start() {
        discord = FakeDiscord.start();
        guild = discord.guild(GUILD_ID, "Rate Cup");
        guild.textChannel(CHANNEL_ID, "general");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (jda != null) {
            jda.shutdown();
            if (!jda.awaitShutdown(WAIT)) {
                jda.shutdownNow();
            }
        }
        discord.close();
    }

    private void login() {
        jda = discord.configure(JDABuilder.createLight("fake-token")).build();
        await().atMost(WAIT).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
    }

    private Answer call(String method, String path, String json) {
        Request request = new Request.Builder().url(discord.restBaseUrl() + path)
                .header("Authorization", "Bot fake-token")
                .method(method, json == null ? null : RequestBody.create(json, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), Json.parseObject(response.body().string()), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ApiRequest> messagePosts(long channelId) {
        return discord.requests("POST", "channels/" + channelId + "/messages");
    }

    @Test
    void fiftyMessagesToOneChannelAllArriveInOrderWithJdaWaitingOnTheBucket() {
        login();
        TextChannel channel = jda.getTextChannelById(CHANNEL_ID);
        long start = System.nanoTime();

        // The first message alone: JDA learns the route's bucket from its headers. A burst queued before that is
        // not kept in order by JDA 6.5: what is queued after the first answer goes straight to the learned bucket,
        // ahead of what still waits in the provisional one (seen: 1, 8-14, 2-6, 15, 7, 16, ...).
        channel.sendMessage("message 1").complete();
        List<CompletableFuture<Message>> sent = new ArrayList<>();
        for (int i = 2; i <= 50; i++) {
            sent.add(channel.sendMessage("message " + i).submit());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(80, TimeUnit.SECONDS).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        List<ApiRequest> posts = messagePosts(CHANNEL_ID);
        posts.forEach(r -> LOG.info("fake Discord log: {}", r.logLine()));
        LOG.info("50 messages to one channel took {} ms", took.toMillis());
        assertThat(discord.messages(CHANNEL_ID)).extracting(m -> m.get("content"))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50)
                        .mapToObj(i -> "message " + i).toList());
        // never refused: JDA waited on the bucket the headers announced (5 per 5 s per channel)
        assertThat(posts).hasSize(50).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.rateLimit().limit()).isEqualTo(5);
            assertThat(r.rateLimit().refused()).isFalse();
        });
        assertThat(posts).extracting(r -> r.rateLimit().remaining())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> 4 - i % 5).toList());
        assertThat(posts).extracting(r -> r.rateLimit().bucket()).containsOnly(posts.get(0).rateLimit().bucket());
        for (int window = 1; window < 10; window++) {
            ApiRequest first = posts.get(5 * window);
            ApiRequest lastOfPrevious = posts.get(5 * window - 1);
            // the window's first request came only once the previous window had reset
            assertThat(Duration.between(lastOfPrevious.receivedAt(), first.receivedAt()).toMillis())
                    .isGreaterThanOrEqualTo(lastOfPrevious.rateLimit().resetAfterMillis() - 50);
        }
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(44));
    }

    @Test
    void aSixthMessageWithinFiveSecondsIsRefusedWith429RetryAfterAndGlobalFalse() {
        discord.clock(Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC));
        String path = "channels/" + CHANNEL_ID + "/messages";
        for (int i = 0; i < 5; i++) {
            assertThat(call("POST", path, "{\"content\":\"m" + i + "\"}").status()).isEqualTo(200);
        }

        Answer refused = call("POST", path, "{\"content\":\"too many\"}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json()).containsEntry("global", false).containsEntry("message", "You are being rate limited.");
        assertThat(refused.json()).containsEntry("retry_after", 5.0);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("5");
        assertThat(refused.headers().get("X-RateLimit-Reset-After")).isEqualTo("5.000");
        assertThat(refused.headers().get("X-RateLimit-Reset")).isEqualTo("1767268805.000");
        assertThat(refused.headers().get("X-RateLimit-Scope")).isEqualTo("user");
        assertThat(refused.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.headers().get("X-RateLimit-Global")).isNull();
        assertThat(refused.headers().get("via")).isNotNull(); // else JDA takes it for a Cloudflare ban
        assertThat(discord.messages(CHANNEL_ID)).hasSize(5);
        // another channel has its own bucket; the refusal itself is valid against the spec
        long other = 750_000_000_000_000_003L;
        guild.textChannel(other, "other");
        assertThat(call("POST", "channels/" + other + "/messages", "{\"content\":\"x\"}").status()).isEqualTo(200);
        assertThat(discord.specViolations()).isEmpty();
    }

    @Test
    void threadCreationHasItsOwnBucketPerParentChannel() {
        discord.clock(Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC));
        String body = "{\"name\":\"race\",\"type\":12}";
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            answers.add(call("POST", "channels/" + CHANNEL_ID + "/threads", body));
        }

        assertThat(answers.subList(0, 10)).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
        assertThat(answers.get(10).status()).isEqualTo(429);
        assertThat(answers.get(0).headers().get("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(answers.get(0).headers().get("X-RateLimit-Bucket"))
                .isNotEqualTo(call("POST", "channels/" + CHANNEL_ID + "/messages", "{\"content\":\"x\"}")
                        .headers().get("X-RateLimit-Bucket"));
        assertThat(guild.threads()).hasSize(10);
    }

    @Test
    void theGlobalLimitRefusesThe51stRequestInOneSecondButNotInteractionResponses() {
        discord.clock(Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC));
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(call("GET", "users/@me", null));
        }
        for (int i = 0; i < 21; i++) {
            answers.add(call("GET", "gateway", null));
        }
        Answer callback = call("POST", "interactions/" + 1234 + "/unknown-token/callback",
                "{\"type\":4,\"data\":{\"content\":\"hi\"}}");

        assertThat(answers.subList(0, 50)).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        Answer refused = answers.get(50);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json()).containsEntry("global", true);
        assertThat(refused.headers().get("X-RateLimit-Global")).isEqualTo("true");
        assertThat(refused.headers().get("X-RateLimit-Scope")).isEqualTo("global");
        assertThat(refused.json()).containsEntry("retry_after", 1.0);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("1");
        assertThat(callback.status()).isEqualTo(404); // answered (unknown interaction), not refused
        assertThat(callback.json()).containsEntry("code", 10062);
        assertThat(discord.specViolations()).isEmpty();
    }

    @Test
    void jdaRetriesWhatTheGlobalLimitRefusedAndEveryMessageArrives() {
        // 60 requests at once: a lower global limit, so that this 2-core machine surely sends more than it allows
        // within one second whatever the spec checks cost
        discord.rateLimits(RateLimits.discord().withGlobalLimit(20));
        List<Long> channels = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long id = 750_000_000_000_001_000L + i;
            guild.textChannel(id, "race-" + i);
            channels.add(id);
        }
        login();

        List<CompletableFuture<Message>> sent = new ArrayList<>();
        for (long id : channels) {
            sent.add(jda.getTextChannelById(id).sendMessage("go").submit());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(channels).allSatisfy(id -> assertThat(discord.messages(id)).hasSize(1));
        List<ApiRequest> posts = discord.requests("POST", "channels/\\d+/messages");
        List<ApiRequest> refused = posts.stream().filter(r -> r.status() == 429).toList();
        refused.forEach(r -> LOG.info("fake Discord log: {}", r.logLine()));
        assertThat(refused).isNotEmpty().allSatisfy(r -> assertThat(r.rateLimit().scope()).isEqualTo("global"));
        assertThat(posts).hasSize(60 + refused.size());
    }

    @Test
    void limitsCanBeTurnedOffForATestThatMeasuresSomethingElse() {
        discord.rateLimits(RateLimits.off());
        String path = "channels/" + CHANNEL_ID + "/messages";
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(call("POST", path, "{\"content\":\"m" + i + "\"}"));
        }

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(Integer.parseInt(a.headers().get("X-RateLimit-Remaining"))).isPositive();
        });
        assertThat(discord.messages(CHANNEL_ID)).hasSize(60);
    }
}
