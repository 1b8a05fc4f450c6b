package lab.c10k.conformance.k6;

import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;

/**
 * What the scripts see as files: the k6 folder, read-only, and the k6 modules. GraalJS parses an import specifier
 * such as {@code k6/http} through {@link #parsePath(String)}, so the k6 module names map here to the shim's
 * modules, served from this package's resources under a directory that exists nowhere else.
 */
final class ShimFileSystem implements FileSystem {

    static final Path MODULES = Path.of("/k6-shim-modules");

    private static final Map<String, String> SHIM_MODULES = Map.of(
            "k6", "k6.js",
            "k6/http", "http.js",
            "k6/metrics", "metrics.js",
            "k6/execution", "execution.js");

    private final FileSystem files;
    private final Path root;

    ShimFileSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.files = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    }

    @Override
    public Path parsePath(URI uri) {
        return files.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        if (path.equals("k6") || path.startsWith("k6/")) {
            return MODULES.resolve(path + ".js");
        }
        return files.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (path.startsWith(MODULES)) {
            resource(path).close();
            return;
        }
        files.checkAccess(inside(path), modes, linkOptions);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (path.startsWith(MODULES)) {
            try (InputStream in = resource(path)) {
                return new BytesChannel(in.readAllBytes());
            }
        }
        return files.newByteChannel(inside(path), options, attrs);
    }

    private InputStream resource(Path path) throws IOException {
        String module = MODULES.relativize(path).toString().replaceAll("\\.js$", "");
        String file = SHIM_MODULES.get(module);
        InputStream in = file == null ? null : ShimFileSystem.class.getResourceAsStream("shim/" + file);
        if (in == null) {
            throw new NoSuchFileException(module, null, "the k6 shim does not implement the module " + module
                    + " (it has " + SHIM_MODULES.keySet() + ")");
        }
        return in;
    }

    /** Scripts read only the k6 folder, as k6 in compose does (./k6 mounted read-only). */
    private Path inside(Path path) throws IOException {
        Path absolute = toAbsolutePath(path).normalize();
        if (!absolute.startsWith(root)) {
            throw new NoSuchFileException(path.toString(), null, "outside the k6 folder " + root);
        }
        return absolute;
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return files.newDirectoryStream(inside(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : root.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return path.startsWith(MODULES) ? path : files.toRealPath(inside(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return files.readAttributes(inside(path), attributes, options);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path path) {
        throw new ReadOnlyFileSystemException();
    }

    /** A module's source, held in memory. */
    private static final class BytesChannel implements SeekableByteChannel {

        private final byte[] bytes;
        private int position;
        private boolean open = true;

        BytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
