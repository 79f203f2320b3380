package io.asynctournament.bot.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBackoffTest {

    @Test
    void doubles_from_the_base_and_stops_at_five_minutes() {
        RetryBackoff whole = new RetryBackoff(RetryBackoff.BASE, RetryBackoff.CAP, () -> 0.999_999);
        assertThat(whole.delay(1)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
        assertThat(whole.delay(2)).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
        assertThat(whole.delay(5)).isBetween(Duration.ofMillis(31_999), Duration.ofSeconds(32));
        assertThat(whole.delay(9)).isEqualTo(Duration.ofMinutes(5).minusMillis(1)).isLessThanOrEqualTo(RetryBackoff.CAP);
        assertThat(whole.delay(1000)).isLessThanOrEqualTo(RetryBackoff.CAP);
    }

    @Test
    void jitter_stays_between_half_the_step_and_the_whole_step() {
        RetryBackoff least = new RetryBackoff(RetryBackoff.BASE, RetryBackoff.CAP, () -> 0.0);
        assertThat(least.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(least.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(least.delay(50)).isEqualTo(Duration.ofSeconds(150));
        RetryBackoff random = new RetryBackoff();
        for (int i = 0; i < 1000; i++) {
            Duration d = random.delay(4);
            assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
        }
    }

    @Test
    void refuses_attempts_below_one_and_a_cap_below_the_base() {
        assertThatThrownBy(() -> new RetryBackoff().delay(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempts start at 1");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(5), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
