package io.asynctournament.bot.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run} with a dashboard setting that would leave it open or locked: refused before anything starts, exit 2,
 * a message naming the setting, the password never printed. No database is needed: settings are read first.
 */
class RunSettingsTest {

    @Test
    void a_weak_dashboard_password_stops_run_with_exit_2_naming_the_setting_not_the_password() {
        CliRunner.Result result = run(Map.of("DASHBOARD_PASSWORD", "hunter2"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: DASHBOARD_PASSWORD is too short: it must have at least 12 "
                + "characters").doesNotContain("hunter2");
        assertThat(result.out()).doesNotContain("hunter2");

        CliRunner.Result single = run(Map.of("DASHBOARD_PASSWORD", "a"));
        assertThat(single.exitCode()).isEqualTo(2);
        assertThat(single.err()).contains("DASHBOARD_PASSWORD is too short");
    }

    @Test
    void a_dashboard_user_with_a_colon_stops_run_with_exit_2() {
        CliRunner.Result result = run(Map.of("DASHBOARD_USER", "ops:team", "DASHBOARD_PASSWORD", "a long enough password"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: DASHBOARD_USER must not contain ':'")
                .doesNotContain("a long enough password");
    }

    @Test
    void a_bind_address_that_is_not_of_this_machine_stops_run_with_exit_2() {
        CliRunner.Result result = run(Map.of("DASHBOARD_BIND", "dashboard.example.org"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: DASHBOARD_BIND must be an IP address of this machine");
    }

    private static CliRunner.Result run(Map<String, String> environment) {
        return CliRunner.run(environment, "run");
    }

}
