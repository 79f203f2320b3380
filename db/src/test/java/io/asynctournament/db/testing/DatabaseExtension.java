package io.asynctournament.db.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** JUnit 5 extension: the shared embedded PostgreSQL, emptied before each test. Use with {@code @ExtendWith}. */
public final class DatabaseExtension implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.clear();
    }
}
