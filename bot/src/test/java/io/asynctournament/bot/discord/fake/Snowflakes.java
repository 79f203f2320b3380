package io.asynctournament.bot.discord.fake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord snowflake ids that encode the current time (JDA derives interaction expiry from the id), and ISO
 * timestamps as Discord writes them.
 */
final class Snowflakes {
    private static final long DISCORD_EPOCH = 1420070400000L;
    private static final AtomicLong COUNTER = new AtomicLong();

    private Snowflakes() {}

    static long next() {
        return at(Instant.now());
    }

    /** A fresh snowflake whose time is {@code instant} (to the millisecond), as Discord makes an interaction's id. */
    static long at(Instant instant) {
        return ((instant.toEpochMilli() - DISCORD_EPOCH) << 22) | (COUNTER.incrementAndGet() & 0x3FFFFF);
    }

    static String now() {
        return timestamp(Instant.now());
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
