package lab.c10k.devservers;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * A real Redis server (embedded-redis ships Redis 7.0's own binary in its jar) on a free port of 127.0.0.1,
 * keeping nothing on disk, as the project's Redis never does.
 */
final class EmbeddedRedis implements AutoCloseable {

    static final String VERSION = "Redis 7.0.15";

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedRedis start() throws IOException {
        int port = freePort();
        RedisServer server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return new EmbeddedRedis(server, port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A port the kernel just handed out; the server binds it a moment later (a window other code rarely hits). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
