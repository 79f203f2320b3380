package io.asynctournament.jobs.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {
    @Test
    void a_name_is_trimmed_and_may_have_up_to_100_characters_of_any_script() {
        assertThat(Names.require("tournament name", "  Spring Cup  ")).isEqualTo("Spring Cup");
        String hundred = "😀".repeat(100); // 100 characters, 200 UTF-16 units
        assertThat(Names.require("tournament name", hundred)).isEqualTo(hundred);
        assertThat(Names.problem("runner", "Zoë 佐藤 ‍family")).isEmpty();
    }

    @Test
    void a_long_blank_or_control_character_name_is_refused_naming_the_field_the_line_and_the_limit() {
        assertThatThrownBy(() -> Names.require("tournament name", "x".repeat(100_000)))
                .isInstanceOf(io.asynctournament.jobs.errors.UserError.class)
                .hasMessageStartingWith("tournament name has 100000 characters, more than the limit of 100 ('xxxx")
                .hasMessageEndingWith("'); accepted: 1 to 100 characters without control characters (newline, "
                        + "tab, ESC, NUL…)");
        assertThatThrownBy(() -> Names.require("pool", "Week\n1", 7))
                .hasMessage("line 7: pool contains U+000A LINE FEED (LF) at character 5 ('Week\\n1'); control "
                        + "characters are not accepted");
        assertThatThrownBy(() -> Names.require("--tournament", "   "))
                .hasMessage("--tournament is empty; accepted: 1 to 100 characters without control characters "
                        + "(newline, tab, ESC, NUL…)");
        assertThatThrownBy(() -> Names.require("--tournament", null)).hasMessageStartingWith("--tournament is empty");
        assertThat(Names.problem("runner", "\t")).get().asString().startsWith("runner contains U+0009");
        assertThat(Names.problem("runner", "a\u0085b")).get().asString().contains("U+0085 NEXT LINE (NEL)");
        assertThat(Names.problem("runner", "a\u2028b")).isPresent();
        assertThat(Names.problem("runner", "a\u2066b")).isPresent();
        assertThat(Names.problem("runner", "a\uD800b")).as("a lone surrogate").isPresent();
        assertThat(Names.problem("runner", "\u007F")).isPresent();
    }

    @Test
    void printable_escapes_control_characters_and_cuts_long_values() {
        assertThat(Names.printable("a\nb\tc\r\u001B[0m\u0000", 100)).isEqualTo("a\\nb\\tc\\r\\u001B[0m\\u0000");
        assertThat(Names.printable("abcdef", 3)).isEqualTo("abc…");
        assertThat(Names.printable("abc", 3)).isEqualTo("abc");
        assertThat(Names.printable("😀😀😀😀", 2)).isEqualTo("😀😀…");
    }
}
