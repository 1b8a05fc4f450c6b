package lab.c10k.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The memory the kernel holds for this process ({@code VmRSS} of {@code /proc/self/status}): heap,
 * metaspace, code cache, thread stacks, direct buffers and the JVM itself, what a container's limit
 * counts. The JVM's own meters see only the parts it manages; a thousand platform-thread stacks or
 * Netty's direct buffers show here. Where there is no {@code /proc} (not Linux) nothing is registered.
 */
public final class ResidentMemory implements MeterBinder {

	public static final String NAME = "c10k.process.resident.memory";

	private static final String FIELD = "VmRSS:";

	private final Path status;

	public ResidentMemory() {
		this(Path.of("/proc/self/status"));
	}

	ResidentMemory(Path status) {
		this.status = status;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!Files.isReadable(status)) {
			return;
		}
		Gauge.builder(NAME, this, ResidentMemory::bytes)
			.description("Resident set size of the process, as the kernel counts it")
			.baseUnit(BaseUnits.BYTES)
			.strongReference(true)
			.register(registry);
	}

	/** {@code VmRSS:   123456 kB} in bytes; NaN (no sample) when the line is missing. */
	double bytes() {
		try {
			return Files.readAllLines(status)
				.stream()
				.filter(line -> line.startsWith(FIELD))
				.mapToDouble(line -> Long.parseLong(line.substring(FIELD.length()).replace("kB", "").strip()) * 1024.0)
				.findFirst()
				.orElse(Double.NaN);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
