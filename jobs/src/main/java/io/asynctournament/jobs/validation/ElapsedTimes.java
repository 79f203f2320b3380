package io.asynctournament.jobs.validation;

import io.asynctournament.jobs.errors.UserError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elapsed times as admins type them: {@code H:MM:SS} with an optional {@code .fff} fraction, at most 999 hours and
 * above zero (the rule of the results import, README "Importing results").
 */
public final class ElapsedTimes {
    private static final Pattern ELAPSED = Pattern.compile("(\\d{1,3}):([0-5]\\d):([0-5]\\d)(\\.\\d{1,3})?");

    private ElapsedTimes() {
    }

    /**
     * The time in seconds.
     *
     * @throws UserError (bad input) when it is not {@code H:MM:SS[.fff]} or is zero
     */
    public static BigDecimal parse(String text) {
        String value = text == null ? "" : text.strip();
        Matcher m = ELAPSED.matcher(value);
        if (!m.matches()) {
            throw UserError.badInput("elapsed '" + Names.printable(value, 40) + "' is not H:MM:SS; accepted: hours "
                    + "(0 to 999), minutes and seconds, with an optional .fff fraction, e.g. 1:43:09 or 1:43:09.250");
        }
        BigDecimal seconds = BigDecimal.valueOf(Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60
                + Long.parseLong(m.group(3)));
        if (m.group(4) != null) {
            seconds = seconds.add(new BigDecimal("0" + m.group(4)));
        }
        if (seconds.signum() == 0) {
            throw UserError.badInput("elapsed must be above 0:00:00, got '" + value + "'");
        }
        return seconds.setScale(3, RoundingMode.UNNECESSARY);
    }

    /** Seconds as {@code H:MM:SS}, with {@code .fff} when there is a fraction; "none" for null. */
    public static String format(BigDecimal seconds) {
        if (seconds == null) {
            return "none";
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long whole = millis / 1000;
        String text = String.format("%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
        return millis % 1000 == 0 ? text : text + String.format(".%03d", millis % 1000);
    }
}
