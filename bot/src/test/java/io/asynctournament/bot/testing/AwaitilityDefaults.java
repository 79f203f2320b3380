package io.asynctournament.bot.testing;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Auto-registered for every bot test (META-INF/services): Awaitility must not report as the current test's failure
 * an exception thrown on some other thread while it waits. By default it does, and the JDA instances of earlier test
 * classes throw on their rate-limiter threads as they shut down ("Unable to acquire lock while thread is
 * interrupted"), which once failed an unrelated test. Tests assert on what they wait for instead.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
