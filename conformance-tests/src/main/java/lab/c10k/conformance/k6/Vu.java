package lab.c10k.conformance.k6;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * One virtual user: as in k6, its own JavaScript runtime (a GraalJS context) that evaluates the script's init code
 * itself, holds its own module state, and is used by one thread at a time.
 */
final class Vu implements AutoCloseable {

    private static final String PRELUDE = resource("shim/prelude.js");

    private final Context context;
    private final Value exports;
    private final Shim shim;

    Vu(Engine engine, Path script, ShimFileSystem files, Shim shim, OutputStream log) {
        this.shim = shim;
        this.context = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.EXPLICIT)
                .allowIO(IOAccess.newBuilder().fileSystem(files).build())
                .option("js.esm-eval-returns-exports", "true")
                .out(log)
                .err(log)
                .build();
        try {
            context.getBindings("js").putMember("__shim", shim);
            context.eval(Source.create("js", PRELUDE));
            this.exports = context.eval(Source.newBuilder("js", script.toFile())
                    .mimeType("application/javascript+module").build());
        } catch (IOException e) {
            context.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    Shim shim() {
        return shim;
    }

    Set<String> exportedFunctions() {
        return exports.getMemberKeys().stream().filter(key -> exports.getMember(key).canExecute())
                .collect(java.util.stream.Collectors.toSet());
    }

    boolean exports(String name) {
        return exports.hasMember(name) && exports.getMember(name).canExecute();
    }

    /** The JSON of an exported value (options), or "null". */
    String exportJson(String name) {
        Value value = exports.getMember(name);
        return value == null ? "null" : stringify(value);
    }

    void iteration(int iter) {
        context.getBindings("js").putMember("__ITER", iter);
    }

    /** Calls an exported function with data passed as JSON (as k6 hands setup data to VUs), answering JSON. */
    String call(String name, String dataJson) {
        Value data = dataJson == null ? null : context.eval("js", "JSON.parse").execute(dataJson);
        Value result = data == null ? exports.getMember(name).execute() : exports.getMember(name).execute(data);
        return stringify(result);
    }

    /** Calls an exported function and answers its result as an object of strings (handleSummary's outputs). */
    Value callRaw(String name, String dataJson) {
        return exports.getMember(name).execute(context.eval("js", "JSON.parse").execute(dataJson));
    }

    private String stringify(Value value) {
        Value json = context.eval("js", "(v) => v === undefined ? 'null' : JSON.stringify(v)").execute(value);
        return json.isNull() ? "null" : json.asString();
    }

    @Override
    public void close() {
        context.close(true);
    }

    private static String resource(String name) {
        try (InputStream in = Vu.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
