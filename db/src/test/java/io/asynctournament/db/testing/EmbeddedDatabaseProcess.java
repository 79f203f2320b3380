package io.asynctournament.db.testing;

import io.asynctournament.db.EmbeddedDatabase;

import java.nio.file.Path;

/** A separate JVM that owns an embedded database until it is killed (to test what a crashed bot leaves behind). */
public final class EmbeddedDatabaseProcess {
    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedDatabase database = EmbeddedDatabase.startOrAttach(Path.of(args[0]), false);
        System.out.println("ready " + database.jdbcUrl());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
