package io.asynctournament.db;

import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** DATABASE_URL's two forms, the user and password taken out of it, the timeout settings, and no secret shown. */
class DatabaseSettingsTest {
    private static final String SECRET = "Hunter2-secret";

    @Test
    void a_postgres_url_is_converted_to_jdbc_with_user_password_port_and_parameters() {
        DatabaseSettings settings = settings(Map.of("DATABASE_URL",
                "postgres://bot:s%40cr%2Ft%3A" + SECRET + "@db.example.org:6543/tournaments?sslmode=require"));

        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://db.example.org:6543/tournaments?sslmode=require");
        assertThat(settings.user()).isEqualTo("bot");
        assertThat(settings.password()).isEqualTo("s@cr/t:" + SECRET);
        assertThat(settings.embedded()).isFalse();
        Properties props = Driver.parseURL(settings.jdbcUrl().orElseThrow(), new Properties());
        assertThat(props.getProperty("PGHOST")).isEqualTo("db.example.org");
        assertThat(props.getProperty("PGPORT")).isEqualTo("6543");
        assertThat(props.getProperty("PGDBNAME")).isEqualTo("tournaments");
        assertThat(props.getProperty("sslmode")).isEqualTo("require");
    }

    @Test
    void the_postgresql_scheme_percent_decoding_default_port_hosts_and_libpq_parameters_are_carried_over() {
        DatabaseSettings decoded = settings(Map.of("DATABASE_URL",
                "postgresql://us%C3%A9r:p%3Aw+d%25@db/my%20db?application_name=async%20bot&sslmode=verify-full"));
        assertThat(decoded.user()).isEqualTo("usér");
        assertThat(decoded.password()).as("+ stays a plus sign, as libpq reads it").isEqualTo("p:w+d%");
        Properties props = Driver.parseURL(decoded.jdbcUrl().orElseThrow(), new Properties());
        assertThat(props.getProperty("PGHOST")).isEqualTo("db");
        assertThat(props.getProperty("PGPORT")).isEqualTo("5432");
        assertThat(props.getProperty("PGDBNAME")).isEqualTo("my db");
        assertThat(props.getProperty("ApplicationName")).isEqualTo("async bot");
        assertThat(props.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(DatabaseUrl.hostsAndPorts(decoded.jdbcUrl().orElseThrow())).isEqualTo("db:5432");

        DatabaseSettings hosts = settings(Map.of("DATABASE_URL", "postgres://u:" + SECRET + "@h1:5432,h2:5433/t"));
        assertThat(hosts.jdbcUrl()).contains("jdbc:postgresql://h1:5432,h2:5433/t");
        assertThat(DatabaseUrl.hostsAndPorts(hosts.jdbcUrl().orElseThrow())).isEqualTo("h1:5432, h2:5433");

        DatabaseSettings ipv6 = settings(Map.of("DATABASE_URL", "postgres://u:" + SECRET + "@[::1]:5433/t"));
        assertThat(ipv6.jdbcUrl()).contains("jdbc:postgresql://[::1]:5433/t");
        assertThat(DatabaseUrl.hostsAndPorts(ipv6.jdbcUrl().orElseThrow())).isEqualTo("[::1]:5433");

        DatabaseSettings unencodedAt = settings(Map.of("DATABASE_URL", "postgres://u:p@ss@h/t"));
        assertThat(unencodedAt.password()).isEqualTo("p@ss");
        assertThat(unencodedAt.jdbcUrl()).contains("jdbc:postgresql://h/t");

        DatabaseSettings inQuery = settings(Map.of("DATABASE_URL", "postgres://h/t?user=bot&password=se%26cret"));
        assertThat(inQuery.user()).isEqualTo("bot");
        assertThat(inQuery.password()).isEqualTo("se&cret");
        assertThat(inQuery.jdbcUrl()).contains("jdbc:postgresql://h/t");

        DatabaseSettings noCredentials = settings(Map.of("DATABASE_URL", "postgres://h", "DATABASE_USER", "bot",
                "DATABASE_PASSWORD", SECRET));
        assertThat(noCredentials.jdbcUrl()).contains("jdbc:postgresql://h/");
        assertThat(noCredentials.user()).isEqualTo("bot");
        assertThat(noCredentials.password()).isEqualTo(SECRET);
    }

    @Test
    void a_jdbc_url_keeps_its_parameters_and_gives_up_its_user_and_password() {
        DatabaseSettings settings = settings(Map.of("DATABASE_URL",
                "jdbc:postgresql://db:5432/t?sslmode=require&password=" + SECRET + "%21&user=bot&ApplicationName=x"));

        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://db:5432/t?sslmode=require&ApplicationName=x");
        assertThat(settings.user()).isEqualTo("bot");
        assertThat(settings.password()).isEqualTo(SECRET + "!");

        DatabaseSettings plain = settings(Map.of("DATABASE_URL", "jdbc:postgresql://db/t",
                "DATABASE_USER", "bot", "DATABASE_PASSWORD", SECRET));
        assertThat(plain.jdbcUrl()).contains("jdbc:postgresql://db/t");
        assertThat(plain.password()).isEqualTo(SECRET);
    }

    @Test
    void a_user_or_password_given_twice_with_different_values_is_refused_without_showing_either() {
        Throwable twice = catchThrowable(() -> settings(Map.of("DATABASE_URL", "postgres://u:" + SECRET + "@h/t",
                "DATABASE_PASSWORD", "other-" + SECRET)));
        assertThat(twice).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DATABASE_URL and DATABASE_PASSWORD both give a password, and they differ; "
                        + "give it in one place");
        assertThat(settings(Map.of("DATABASE_URL", "postgres://u:" + SECRET + "@h/t", "DATABASE_PASSWORD", SECRET))
                .password()).isEqualTo(SECRET);
        assertThatThrownBy(() -> settings(Map.of("DATABASE_URL", "jdbc:postgresql://h/t?user=a",
                "DATABASE_USER", "b"))).hasMessageContaining("DATABASE_URL and DATABASE_USER both give a user");
    }

    @Test
    void a_bad_url_is_refused_with_what_is_accepted_and_never_its_password() {
        assertRefused("mysql://u:" + SECRET + "@h/db", "DATABASE_URL must be a PostgreSQL JDBC URL",
                "its scheme is 'mysql:'", "postgres://USER:PASSWORD@HOST[:PORT]/DATABASE");
        assertRefused("u:" + SECRET + "@h/db", "DATABASE_URL must be a PostgreSQL JDBC URL");
        assertRefused("postgres://u:" + SECRET + "@h:notaport/db",
                "DATABASE_URL is not a URL PostgreSQL's JDBC driver accepts", "from 1 to 65535");
        assertRefused("jdbc:postgresql://h:99999/db?password=" + SECRET,
                "DATABASE_URL is not a URL PostgreSQL's JDBC driver accepts");
        assertRefused("postgres://u:" + SECRET + "%ZZ@h/db", "bad percent-encoding in its password", "%40 for @");
        assertRefused("jdbc:postgresql://h/db?password=" + SECRET + "%Z", "bad percent-encoding in its password");
        assertRefused("postgres://u:" + SECRET + "@/db", "DATABASE_URL must name a host");
        assertRefused("postgres://u:" + SECRET + "@%2Fvar%2Frun/db", "a Unix socket is not supported");
        assertRefused("jdbc:postgresql://u:" + SECRET + "@h/db", "cannot hold USER:PASSWORD@",
                "DATABASE_USER and DATABASE_PASSWORD", "postgres://USER:PASSWORD@HOST");
        assertRefused("jdbc:postgresql://h/db?socketTimeout=5&password=" + SECRET,
                "DATABASE_URL must not set socketTimeout; use DATABASE_SOCKET_TIMEOUT_SECONDS instead");
        assertRefused("postgres://u:" + SECRET + "@h/db?connect_timeout=5",
                "DATABASE_URL must not set connect_timeout; use DATABASE_CONNECT_TIMEOUT_SECONDS instead");
    }

    @Test
    void no_secret_of_any_database_setting_is_in_the_settings_text() {
        DatabaseSettings fromUrl = settings(Map.of("DATABASE_URL",
                "postgres://bot:" + SECRET + "@db/t?sslmode=require&sslpassword=" + SECRET));
        assertThat(fromUrl.toString()).doesNotContain(SECRET).contains("user=bot", "password=***",
                "sslpassword=***", "sslmode=require", "timeouts=");
        // the user's password leaves the URL; sslpassword (the client key's) stays for pgjdbc, masked in the text
        assertThat(fromUrl.jdbcUrl()).contains("jdbc:postgresql://db/t?sslmode=require&sslpassword=" + SECRET);

        DatabaseSettings fromSetting = settings(Map.of("DATABASE_URL", "jdbc:postgresql://db/t?password=" + SECRET,
                "DATABASE_PASSWORD", SECRET));
        assertThat(fromSetting.toString()).doesNotContain(SECRET);
        assertThat(fromSetting.jdbcUrl().orElseThrow()).doesNotContain(SECRET);
        assertThat(settings(Map.of()).toString()).contains("jdbcUrl=(embedded)", "password=(none)");
    }

    @Test
    void the_timeouts_have_sane_defaults_and_are_checked() {
        DatabaseTimeouts defaults = settings(Map.of()).timeouts();
        assertThat(defaults).isEqualTo(DatabaseTimeouts.DEFAULTS);
        assertThat(defaults.connect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.statement()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.socket()).isEqualTo(Duration.ofSeconds(180));

        DatabaseTimeouts set = settings(Map.of("DATABASE_CONNECT_TIMEOUT_SECONDS", " 3 ",
                "DATABASE_STATEMENT_TIMEOUT_SECONDS", "600", "DATABASE_SOCKET_TIMEOUT_SECONDS", "900")).timeouts();
        assertThat(set).isEqualTo(new DatabaseTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(900),
                Duration.ofSeconds(600)));
        assertThat(settings(Map.of("DATABASE_STATEMENT_TIMEOUT_SECONDS", "600")).timeouts().socket())
                .as("the socket timeout follows a raised statement timeout").isEqualTo(Duration.ofSeconds(660));

        assertThatThrownBy(() -> settings(Map.of("DATABASE_CONNECT_TIMEOUT_SECONDS", "abc")))
                .hasMessage("DATABASE_CONNECT_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 300, "
                        + "got 'abc'");
        assertThatThrownBy(() -> settings(Map.of("DATABASE_CONNECT_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("DATABASE_CONNECT_TIMEOUT_SECONDS must be a whole number of seconds");
        assertThatThrownBy(() -> settings(Map.of("DATABASE_STATEMENT_TIMEOUT_SECONDS", "1.5")))
                .hasMessage("DATABASE_STATEMENT_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 86400, "
                        + "got '1.5'");
        assertThatThrownBy(() -> settings(Map.of("DATABASE_SOCKET_TIMEOUT_SECONDS", "-1")))
                .hasMessageContaining("DATABASE_SOCKET_TIMEOUT_SECONDS must be a whole number of seconds from 2");
        assertThatThrownBy(() -> settings(Map.of("DATABASE_SOCKET_TIMEOUT_SECONDS", "60")))
                .hasMessage("DATABASE_SOCKET_TIMEOUT_SECONDS (60) must be greater than "
                        + "DATABASE_STATEMENT_TIMEOUT_SECONDS (120), so that a long statement is cancelled by the "
                        + "server before its connection is dropped");
    }

    private static void assertRefused(String url, String... messageParts) {
        Throwable refused = catchThrowable(() -> settings(Map.of("DATABASE_URL", url)));
        assertThat(refused).as(url).isInstanceOf(IllegalArgumentException.class);
        assertThat(refused.getMessage()).contains(messageParts).doesNotContain(SECRET);
        assertThat(refused.getCause()).isNull();
    }

    private static DatabaseSettings settings(Map<String, String> env) {
        return DatabaseSettings.fromEnvironment(env, null);
    }
}
