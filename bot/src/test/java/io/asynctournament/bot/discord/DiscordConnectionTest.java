package io.asynctournament.bot.discord;

import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Response;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failed Discord logins in words, and the back-off between attempts. */
class DiscordConnectionTest {

    @Test
    void a_failed_login_is_described_in_words() {
        assertThat(DiscordConnection.describe(ioFailure(new UnknownHostException("discord.com"))))
                .isEqualTo("Discord is unreachable (unknown host discord.com)");
        assertThat(DiscordConnection.describe(ioFailure(new ConnectException("Failed to connect to /10.0.0.1:443"))))
                .isEqualTo("Discord is unreachable (cannot connect: Failed to connect to /10.0.0.1:443)");
        assertThat(DiscordConnection.describe(ioFailure(new SocketTimeoutException("connect timed out"))))
                .isEqualTo("Discord is unreachable (timed out: connect timed out)");
        assertThat(DiscordConnection.describe(ErrorResponseException.create(ErrorResponse.SERVER_ERROR,
                new Response(null, 502, "Bad Gateway", -1, Set.of()))))
                .isEqualTo("Discord answered HTTP 502 (a server error on Discord's side)");
        assertThat(DiscordConnection.describe(new IllegalStateException("odd")))
                .isEqualTo("Logging in to Discord failed (java.lang.IllegalStateException: odd)");
    }

    @Test
    void the_back_off_doubles_up_to_its_cap_and_reads_as_words() {
        LoginBackoff backoff = LoginBackoff.DEFAULT;
        Duration wait = backoff.first();
        StringBuilder waits = new StringBuilder(LoginBackoff.words(wait));
        for (int i = 0; i < 8; i++) {
            wait = backoff.after(wait);
            waits.append(", ").append(LoginBackoff.words(wait));
        }
        assertThat(waits).hasToString("5 s, 10 s, 20 s, 40 s, 1 min 20 s, 2 min 40 s, 5 min, 5 min, 5 min");
        assertThat(LoginBackoff.words(Duration.ofMillis(200))).isEqualTo("200 ms");
        assertThatThrownBy(() -> new LoginBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void without_a_token_discord_is_off_and_never_logs_in() {
        DiscordConnection off = DiscordConnection.connect(Optional.empty(), java.util.List.of(), JdaCustomizer.NONE,
                LoginBackoff.DEFAULT);
        assertThat(off.jda()).isEmpty();
        assertThat(off.loggedIn().toCompletableFuture()).isNotDone();
        off.close();
    }

    /** What JDA throws when users/@me fails on the network: an ErrorResponseException (-1) caused by the error. */
    private static ErrorResponseException ioFailure(Exception cause) {
        return ErrorResponseException.create(ErrorResponse.SERVER_ERROR, new Response(cause, Set.of()));
    }
}
