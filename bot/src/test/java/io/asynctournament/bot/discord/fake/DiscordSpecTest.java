package io.asynctournament.bot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the fake Discord finds Discord's OpenAPI spec, and what happens where it is absent. */
class DiscordSpecTest {
    @Test
    void anAbsentSpecTurnsTheCheckOffExceptOnCi() {
        assertThat(DiscordSpec.load(Optional.empty(), false)).isEmpty();
        assertThatThrownBy(() -> DiscordSpec.load(Optional.empty(), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared/discord/openapi.json")
                .hasMessageContaining("CI=true requires it");
    }

    @Test
    void theSpecIsFoundBesideTheProjectOrThroughTheProperty(@TempDir Path dir) throws IOException {
        Path project = Files.createDirectories(dir.resolve("work/project/bot"));
        assertThat(DiscordSpec.locate(project, null)).isEmpty();

        Path spec = Files.createDirectories(dir.resolve("work/shared/discord")).resolve("openapi.json");
        Files.writeString(spec, "{}");
        assertThat(DiscordSpec.locate(project, null)).contains(spec);
        assertThat(DiscordSpec.locate(dir, spec.toString())).contains(spec);
        assertThatThrownBy(() -> DiscordSpec.locate(project, dir.resolve("missing.json").toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Ddiscord.openapi names")
                .hasMessageContaining("missing.json");
    }
}
