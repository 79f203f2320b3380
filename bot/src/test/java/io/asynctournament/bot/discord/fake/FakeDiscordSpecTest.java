package io.asynctournament.bot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake Discord holds requests and its own responses to Discord's OpenAPI spec. Raw HTTP calls, because JDA
 * checks some limits (embed title length, ...) itself before sending.
 */
class FakeDiscordSpecTest {
    private static final long GUILD_ID = 740_000_000_000_000_001L;
    private static final long CHANNEL_ID = 740_000_000_000_000_002L;
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http = new OkHttpClient();
    private FakeDiscord discord;

    private record Answer(int status, Map<String, Object> json, okhttp3.Headers headers) {}

    @BeforeEach
    void start() {
        discord = FakeDiscord.start();
        discord.guild(GUILD_ID, "Spec Cup").textChannel(CHANNEL_ID, "general");
        assumeTrue(discord.specChecked(), "Discord's OpenAPI spec is absent: nothing to check");
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    private Answer call(String method, String path, String json) {
        RequestBody body = json == null ? (method.equals("GET") || method.equals("DELETE") ? null
                : RequestBody.create(new byte[0])) : RequestBody.create(json, JSON);
        Request request = new Request.Builder().url(discord.restBaseUrl() + path)
                .header("Authorization", "Bot fake-token").method(method, body).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            return new Answer(response.code(), Json.parseObject(text), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEmbedTitleOver256CharactersIsRejectedNamingTheRouteAndTheSchemaError() {
        String title = "t".repeat(300);

        Answer answer = call("POST", "channels/" + CHANNEL_ID + "/messages",
                "{\"content\":\"results\",\"embeds\":[{\"title\":\"" + title + "\"}]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("code", 50035);
        assertThat((String) answer.json().get("message"))
                .contains("POST /channels/{channel_id}/messages (create_message)")
                .contains("/embeds/0/title")
                .contains("must be at most 256 characters long");
        Map<String, Object> titleErrors = Json.asMap(Json.asMap(Json.asMap(Json.asMap(
                answer.json().get("errors")).get("embeds")).get("0")).get("title"));
        assertThat(Json.asList(titleErrors.get("_errors"))).singleElement()
                .satisfies(e -> assertThat(Json.asMap(e)).containsEntry("code", 50035));
        assertThat(discord.messages(CHANNEL_ID)).isEmpty();

        List<SpecViolation> violations = discord.takeSpecViolations();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.side()).isEqualTo("request");
            assertThat(v.route()).isEqualTo("POST /channels/{channel_id}/messages (create_message)");
            assertThat(v.errors()).containsExactly("body /embeds/0/title: must be at most 256 characters long");
        });
        assertThat(discord.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void aValidMessageIsServed() {
        Answer answer = call("POST", "channels/" + CHANNEL_ID + "/messages",
                "{\"content\":\"results\",\"embeds\":[{\"title\":\"" + "t".repeat(256) + "\"}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(discord.messages(CHANNEL_ID)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("content", "results"));
        assertThat(discord.specViolations()).isEmpty();
    }

    @Test
    void anUnknownRouteIsRejectedWith404NamingIt() {
        Answer answer = call("GET", "channels/" + CHANNEL_ID + "/scoreboard", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat((String) answer.json().get("message"))
                .contains("GET /channels/" + CHANNEL_ID + "/scoreboard is not a route of Discord's API");
        assertThat(discord.takeSpecViolations()).singleElement()
                .satisfies(v -> assertThat(v.route()).isEqualTo("no route"));
    }

    @Test
    void aMethodTheRouteDoesNotHaveIsRejectedWith405() {
        Answer answer = call("DELETE", "users/@me", null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat((String) answer.json().get("message")).contains("/users/@me has no DELETE")
                .contains("GET, PATCH");
        assertThat(discord.takeSpecViolations()).hasSize(1);
    }

    @Test
    void queryAndPathParametersAreValidatedAgainstTheirSchemas() {
        Answer tooMany = call("GET", "channels/" + CHANNEL_ID + "/messages?limit=500", null);
        Answer notASnowflake = call("GET", "channels/general/messages", null);
        Answer fine = call("GET", "channels/" + CHANNEL_ID + "/messages?limit=50", null);

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat((String) tooMany.json().get("message")).contains("query parameter limit")
                .contains("maximum value of 100");
        assertThat(Json.asMap(tooMany.json().get("errors"))).containsKey("limit");
        assertThat(notASnowflake.status()).isEqualTo(400);
        assertThat((String) notASnowflake.json().get("message")).contains("path parameter channel_id")
                .contains("does not match the regex pattern ^(0|[1-9][0-9]*)$");
        assertThat(fine.status()).isEqualTo(200);
        assertThat(discord.takeSpecViolations()).extracting(SpecViolation::path)
                .containsExactly("channels/" + CHANNEL_ID + "/messages?limit=500", "channels/general/messages");
    }

    @Test
    void aBodyWhereTheSpecRequiresOneIsRejected() {
        Answer answer = call("POST", "channels/" + CHANNEL_ID + "/threads", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat((String) answer.json().get("message")).contains("body: required but empty");
        assertThat(discord.takeSpecViolations()).hasSize(1);
    }

    @Test
    void aResponseOfTheFakeThatBreaksTheSpecIsRecordedToo() {
        discord.failNext("GET", "users/@me", Failure.of(200, 0, "not a user object"));

        Answer answer = call("GET", "users/@me", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(discord.takeSpecViolations()).singleElement().satisfies(v -> {
            assertThat(v.side()).isEqualTo("response");
            assertThat(v.route()).isEqualTo("GET /users/@me (get_my_user)");
            assertThat(v.errors()).contains("response body: required property 'id' not found");
        });
    }

    @Test
    void anUnreportedViolationFailsCloseWithTheRouteAndTheError() {
        call("POST", "channels/" + CHANNEL_ID + "/messages", "{\"embeds\":[{\"title\":\"" + "t".repeat(257) + "\"}]}");

        assertThatThrownBy(discord::close)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 violation(s) of Discord's OpenAPI spec")
                .hasMessageContaining("request POST channels/" + CHANNEL_ID + "/messages")
                .hasMessageContaining("[POST /channels/{channel_id}/messages (create_message)]")
                .hasMessageContaining("body /embeds/0/title: must be at most 256 characters long");
        assertThat(discord.takeSpecViolations()).isEmpty(); // reported once, not again by @AfterEach's close
    }

    @Test
    void theExtensionFailsATestWhoseFakeIsStillOpen() {
        call("GET", "nowhere", null);

        assertThatThrownBy(FakeDiscord::assertNoSpecViolationsInAnyFake)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /nowhere is not a route of Discord's API");
    }

    @Test
    void theFakesAnswersOnItsReadRoutesAreValidAgainstTheSpec() {
        FakeGuild guild = discord.findGuild(GUILD_ID).orElseThrow();
        FakeMember alice = guild.member(740_000_000_000_000_003L, "alice");
        List<String> paths = List.of("users/@me", "gateway", "gateway/bot", "oauth2/applications/@me",
                "applications/@me", "guilds/" + GUILD_ID, "guilds/" + GUILD_ID + "/channels",
                "guilds/" + GUILD_ID + "/roles", "guilds/" + GUILD_ID + "/members/" + alice.userId(),
                "channels/" + CHANNEL_ID, "channels/" + CHANNEL_ID + "/messages",
                "applications/" + discord.applicationId() + "/commands");

        for (String path : paths) {
            assertThat(call("GET", path, null).status()).as(path).isEqualTo(200);
        }
        assertThat(discord.takeSpecViolations()).map(SpecViolation::toString).isEmpty();
    }

    @Test
    void everyResponseCarriesTheRateLimitHeadersItsSpecDocuments() {
        for (Answer answer : List.of(call("GET", "users/@me", null), call("GET", "gateway", null),
                call("GET", "channels/" + CHANNEL_ID, null), call("GET", "channels/" + CHANNEL_ID + "/nothing", null))) {
            assertThat(answer.headers().names()).contains("X-RateLimit-Limit", "X-RateLimit-Remaining",
                    "X-RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Bucket");
            assertThat(Double.parseDouble(answer.headers().get("X-RateLimit-Reset")))
                    .isGreaterThan(System.currentTimeMillis() / 1000.0 - 1);
        }
        assertThat(discord.takeSpecViolations()).hasSize(1); // the unknown route, not the headers
    }
}
