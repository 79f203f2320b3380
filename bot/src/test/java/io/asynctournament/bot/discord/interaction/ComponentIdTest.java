package io.asynctournament.bot.discord.interaction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComponentIdTest {

    @Test
    void encodes_and_parses_feature_action_and_arguments() {
        ComponentId id = ComponentId.of("race", "ready", 42L);
        assertThat(id.encode()).isEqualTo("race:ready:42");
        assertThat(id.key()).isEqualTo("race:ready");
        assertThat(ComponentId.parse("race:ready:42")).contains(id);
        assertThat(ComponentId.parse("race:ready:42").orElseThrow().longArg(0)).contains(42L);
        assertThat(ComponentId.parse("async:start")).contains(new ComponentId("async", "start", List.of()));
    }

    @Test
    void malformed_ids_parse_to_nothing() {
        for (String bad : List.of("", "race", "race-ready-42", ":ready:1", "race::1", "race:ready:", "Race:ready:1",
                "race:ready:4 2", "race:ready:" + "9".repeat(100), "race:ready:a:b:c\n")) {
            assertThat(ComponentId.parse(bad)).as("'%s'", bad).isEmpty();
        }
        assertThat(ComponentId.parse(null)).isEmpty();
    }

    @Test
    void a_non_numeric_or_missing_argument_is_no_id() {
        ComponentId id = ComponentId.parse("race:ready:abc").orElseThrow();
        assertThat(id.longArg(0)).isEmpty();
        assertThat(id.longArg(1)).isEmpty();
        assertThat(ComponentId.parse("race:ready:-5").orElseThrow().longArg(0)).isEmpty();
    }

    @Test
    void building_an_invalid_id_is_a_bug_caught_at_once() {
        assertThatThrownBy(() -> ComponentId.of("race", "ready", "a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComponentId.of("race", "ready", "x".repeat(95)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100");
    }
}
