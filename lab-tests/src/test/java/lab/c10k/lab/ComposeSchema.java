package lab.c10k.lab;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Compose Specification's JSON schema (src/test/resources/compose-spec/), checked on the JVM with networknt's
 * validator. Not Ajv or {@code docker compose config}: the build must pass wherever {@code ./mvnw} runs, with a
 * JDK and nothing else (no Node, no Docker engine, as in CI).
 * <p>
 * The schema names four formats of its own; Compose checks them in code (compose-go), so they are checked here the
 * same way, with format assertions on: {@code duration} is a Go duration ({@code 5s}, {@code 1m30s}), not the ISO
 * 8601 one JSON Schema means by that name; {@code ports} and {@code expose} are port specifications.
 */
final class ComposeSchema {

    private static final String RESOURCE = "/compose-spec/compose-spec.json";
    private static final Pattern GO_DURATION = Pattern.compile(
            "[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)");
    private static final String PORT_RANGE = "\\d{1,5}(-\\d{1,5})?";
    private static final Pattern PORTS = Pattern.compile(
            "(([0-9.]+|\\[[0-9a-fA-F:.]+]):)?((" + PORT_RANGE + ")?:)?" + PORT_RANGE + "(/(tcp|udp|sctp))?");
    private static final Pattern EXPOSE = Pattern.compile(PORT_RANGE + "(/(tcp|udp|sctp))?");
    private static final Pattern SUBNET = Pattern.compile("[0-9a-fA-F.:]+/\\d{1,3}");

    private final Schema schema;

    private ComposeSchema(Schema schema) {
        this.schema = schema;
    }

    static ComposeSchema load() {
        Dialect dialect = Dialect.builder(Dialects.getDraft201909())
                // The schema still spells identifiers draft-04's way ("id"); 2019-09 reads them as plain
                // annotations, and they only restate where each definition is.
                .keywords(keywords -> keywords.remove("id"))
                .format(new ComposeFormat("duration", matching(GO_DURATION)))
                .format(new ComposeFormat("ports", matching(PORTS)))
                .format(new ComposeFormat("expose", matching(EXPOSE)))
                .format(new ComposeFormat("subnet_ip_address", matching(SUBNET)))
                .build();
        SchemaRegistry registry = SchemaRegistry.withDialect(dialect, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try (InputStream json = ComposeSchema.class.getResourceAsStream(RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the test classpath");
            }
            return new ComposeSchema(registry.getSchema(json, InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation, each as "where: what", e.g. {@code /services/redis: property 'x' is not defined}. */
    List<String> violations(JsonNode compose) {
        return schema.validate(compose).stream().map(Error::toString).toList();
    }

    private static Predicate<String> matching(Pattern pattern) {
        return value -> pattern.matcher(value).matches();
    }

    private record ComposeFormat(String name, Predicate<String> check) implements Format {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return check.test(value);
        }
    }
}
