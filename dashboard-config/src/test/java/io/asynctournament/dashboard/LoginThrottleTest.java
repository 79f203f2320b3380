package io.asynctournament.dashboard;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The login throttle's policy, on a clock the test moves. */
class LoginThrottleTest {
    private final DashboardServerTest.MovableClock clock = new DashboardServerTest.MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);
    private final InetAddress client = address("203.0.113.7");

    @Test
    void three_hundred_checked_guesses_from_one_client_take_more_than_70_hours() {
        Duration waited = Duration.ZERO;
        int checked = 0;
        while (checked < 300) {
            Optional<Duration> locked = throttle.lockedOutFor(client);
            if (locked.isPresent()) {
                clock.tick(locked.get());
                waited = waited.plus(locked.get());
            } else {
                throttle.failed(client);
                checked++;
            }
        }
        // 5 free; the 294 lockouts waited out before the other 295: 1 + 2 + ... + 512 s, then 284 x 15 minutes
        assertThat(waited).isEqualTo(Duration.ofSeconds(1023 + 284 * 900));
        assertThat(waited).isGreaterThan(Duration.ofHours(70));
    }

    @Test
    void lockouts_double_from_1_s_to_at_most_15_minutes() {
        assertThat(LoginThrottle.lockout(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoginThrottle.lockout(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(LoginThrottle.lockout(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(LoginThrottle.lockout(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LoginThrottle.lockout(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void failures_are_forgotten_an_hour_after_the_lockout_ends() {
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed(client);
        }
        assertThat(throttle.lockedOutFor(client)).contains(Duration.ofSeconds(1));
        clock.tick(Duration.ofHours(1).plusSeconds(2));
        assertThat(throttle.lockedOutFor(client)).isEmpty();
        throttle.failed(client);
        assertThat(throttle.lockedOutFor(client)).as("a fresh count: the first failure is free").isEmpty();
    }

    @Test
    void tracks_at_most_ten_thousand_clients() {
        for (int i = 0; i < LoginThrottle.MAX_CLIENTS + 10; i++) {
            InetAddress other = address("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            for (int j = 0; j <= LoginThrottle.FREE_FAILURES; j++) {
                throttle.failed(other);
            }
        }
        assertThat(throttle.lockedOutFor(address("10.0.0.0"))).as("the least recently seen is dropped").isEmpty();
        assertThat(throttle.lockedOutFor(address("10.0.39.25"))).isPresent();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
