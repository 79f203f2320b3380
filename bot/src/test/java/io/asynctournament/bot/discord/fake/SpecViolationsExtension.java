package io.asynctournament.bot.discord.fake;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which a {@link FakeDiscord} recorded a violation of Discord's spec, naming the route and
 * the schema errors, even when the test did not close its fake (a fake shared by a class is closed in
 * {@code @AfterAll}). Registered for every test of this module by JUnit's extension auto-detection
 * ({@code junit-platform.properties}, {@code META-INF/services}); it runs after the test's own {@code @AfterEach}.
 */
public final class SpecViolationsExtension implements AfterEachCallback, AfterAllCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        FakeDiscord.assertNoSpecViolationsInAnyFake();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FakeDiscord.assertNoSpecViolationsInAnyFake();
    }
}
