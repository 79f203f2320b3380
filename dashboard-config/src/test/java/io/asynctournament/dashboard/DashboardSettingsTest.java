package io.asynctournament.dashboard;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DASHBOARD_* settings: what is refused, with a message naming the setting and never the password. */
class DashboardSettingsTest {

    @Test
    void a_password_under_12_characters_is_refused_without_quoting_it() {
        for (String weak : new String[]{"a", "hunter2", "elevenchars"}) {
            assertThatThrownBy(() -> DashboardSettings.fromEnvironment(Map.of("DASHBOARD_PASSWORD", weak)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("DASHBOARD_PASSWORD is too short: it must have at least 12 characters; or leave it "
                            + "unset and a strong one is generated and printed at startup");
        }
        assertThat(DashboardSettings.fromEnvironment(Map.of("DASHBOARD_PASSWORD", "twelve chars")).password())
                .isEqualTo("twelve chars");
    }

    @Test
    void a_user_with_a_colon_is_refused() {
        assertThatThrownBy(() -> DashboardSettings.fromEnvironment(Map.of("DASHBOARD_USER", "ad:min")))
                .hasMessageStartingWith("DASHBOARD_USER must not contain ':'").hasMessageContaining("'ad:min'");
    }

    @Test
    void the_bind_address_is_an_address_of_this_machine() {
        assertThat(DashboardSettings.fromEnvironment(Map.of()).bind()).isEmpty();
        assertThat(DashboardSettings.fromEnvironment(Map.of("DASHBOARD_BIND", "0.0.0.0")).bind()).isEmpty();
        assertThat(DashboardSettings.fromEnvironment(Map.of("DASHBOARD_BIND", "127.0.0.1")).bind())
                .hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("127.0.0.1"));
        assertThat(DashboardSettings.fromEnvironment(Map.of("DASHBOARD_BIND", "localhost")).displayHost())
                .isEqualTo("127.0.0.1");
        assertThat(DashboardSettings.fromEnvironment(Map.of("DASHBOARD_BIND", "::1")).displayHost())
                .isEqualTo("[0:0:0:0:0:0:0:1]");
        for (String bad : new String[]{"example.org", "999.1.1.1", "192.0.2.1", "::zz"}) {
            assertThatThrownBy(() -> DashboardSettings.fromEnvironment(Map.of("DASHBOARD_BIND", bad)))
                    .as(bad).hasMessageStartingWith("DASHBOARD_BIND must be an IP address of this machine")
                    .hasMessageContaining("got '" + bad + "'");
        }
    }
}
