package io.asynctournament.bot.notification;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait before a notification is tried again after a failure that may pass (Discord's 5xx, a refused connection,
 * the gateway down; README "What racers receive"): exponential from {@link #BASE}, doubling with each attempt, capped
 * at {@link #CAP}, with "equal jitter" (a random wait between half the step and the whole step) so that a backlog
 * does not come back in one burst.
 */
public final class RetryBackoff {
    /** The first step: after the first failed attempt the wait is 1 to 2 s. */
    public static final Duration BASE = Duration.ofSeconds(2);
    /** The longest wait, 5 minutes. */
    public static final Duration CAP = Duration.ofMinutes(5);

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    /** Discord's: {@link #BASE} doubling to {@link #CAP}, random jitter. */
    public RetryBackoff() {
        this(BASE, CAP, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param random values in [0, 1): 0 gives half the step, values near 1 the whole step
     */
    public RetryBackoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /**
     * The wait after the {@code attempts}-th failed attempt (1 for the first).
     *
     * @return between half of {@code min(cap, base * 2^(attempts-1))} and all of it
     * @throws IllegalArgumentException when attempts is below 1
     */
    public Duration delay(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts start at 1, got " + attempts);
        }
        long capMillis = cap.toMillis();
        long step = base.toMillis();
        for (int i = 1; i < attempts && step < capMillis; i++) {
            step *= 2;
        }
        step = Math.min(step, capMillis);
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }
}
