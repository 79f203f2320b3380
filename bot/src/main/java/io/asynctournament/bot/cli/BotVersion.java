package io.asynctournament.bot.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: the version Maven wrote into {@code bot-version.properties} at build time. */
public final class BotVersion implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BotVersion.class.getResourceAsStream("/bot-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[]{"async-tournament-bot " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version")};
    }
}
