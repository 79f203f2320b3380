package io.asynctournament.db.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host that accepts TCP on 127.0.0.1 and never answers: the connections stay open and nothing is ever written, as
 * with a hung server or a firewall that accepts and drops. For fault tests of the database timeouts.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    public SilentServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    accepted.add(server.accept());
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections it has accepted. */
    public int connections() {
        return connections.get();
    }

    /** A pgjdbc URL pointing at it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/tournaments";
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
