package io.asynctournament.dashboard;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing on the dashboard, per client address. The first {@value #FREE_FAILURES} failed logins in a
 * row are free (typos); each further failure locks the address out for 1 s, doubling with every failure up to
 * {@link #MAX_LOCKOUT} (15 minutes). While locked out the address's requests are refused without checking their
 * credentials, so no guess is tested. A successful login clears the address's count; an address is forgotten
 * {@link #FORGET_AFTER} (1 hour) after its lockout ended. At most {@value #MAX_CLIENTS} addresses are tracked (the
 * least recently seen is dropped). README, "Reliability and security", describes the policy.
 */
public final class LoginThrottle {
    /** Failed logins in a row that cost nothing. */
    public static final int FREE_FAILURES = 5;
    /** The first lockout; each further failure doubles it. */
    public static final Duration FIRST_LOCKOUT = Duration.ofSeconds(1);
    /** The longest lockout. */
    public static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    /** How long after its lockout ends an address's failures are forgotten. */
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final Map<InetAddress, Failures> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    /** @param clock the time source (tests move it instead of sleeping) */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * How long this client must still wait before its credentials are checked again.
     *
     * @return the remaining lockout, or empty when the client may try now
     */
    public synchronized Optional<Duration> lockedOutFor(InetAddress client) {
        Failures failures = clients.get(client);
        if (failures == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(failures.lockedUntil.plus(FORGET_AFTER))) {
            clients.remove(client);
            return Optional.empty();
        }
        return now.isBefore(failures.lockedUntil)
                ? Optional.of(Duration.between(now, failures.lockedUntil)) : Optional.empty();
    }

    /** Records a failed login: each failure in a row after the first {@value #FREE_FAILURES} locks the client out. */
    public synchronized void failed(InetAddress client) {
        Instant now = clock.instant();
        Failures previous = clients.get(client);
        int count = previous == null || now.isAfter(previous.lockedUntil.plus(FORGET_AFTER)) ? 1 : previous.count + 1;
        Instant lockedUntil = count <= FREE_FAILURES ? now : now.plus(lockout(count - FREE_FAILURES - 1));
        clients.put(client, new Failures(count, lockedUntil));
    }

    /** Records a successful login: the client's failures are forgotten. */
    public synchronized void succeeded(InetAddress client) {
        clients.remove(client);
    }

    /** The lockout of the ({@code extra} + 1)th failure beyond the free ones: 1 s, 2 s, 4 s ... at most 15 minutes. */
    static Duration lockout(int extra) {
        if (extra >= 30) {
            return MAX_LOCKOUT;
        }
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << extra);
        return lockout.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lockout;
    }

    private record Failures(int count, Instant lockedUntil) {
    }
}
