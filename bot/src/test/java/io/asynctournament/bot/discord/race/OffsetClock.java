package io.asynctournament.bot.discord.race;

import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The bot's clock in the race tests: real time plus an offset a test sets, so that the bot can be "later" than
 * Discord (a slow bot) while JDA and the GO timer keep real time. Registered as the primary {@code Clock} bean.
 */
@Primary
public final class OffsetClock extends Clock {
    static volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("always UTC");
    }

    /** The bot's time now. */
    static Instant now() {
        return Instant.now().plus(offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
