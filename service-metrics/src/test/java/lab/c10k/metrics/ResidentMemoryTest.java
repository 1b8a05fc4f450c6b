package lab.c10k.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentMemoryTest {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void readsTheResidentSetSizeInBytes(@TempDir Path dir) throws IOException {
		Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\n");

		new ResidentMemory(status).bindTo(registry);

		assertThat(registry.get(ResidentMemory.NAME).gauge().value()).isEqualTo(123456 * 1024.0);
	}

	@Test
	void thisProcessHoldsSomeMemory() {
		new ResidentMemory().bindTo(registry);

		// The build runs on Linux (CI and the images); the JVM alone is resident in tens of megabytes.
		assertThat(registry.get(ResidentMemory.NAME).gauge().value()).isGreaterThan(1024 * 1024);
	}

	@Test
	void publishesNothingWithoutProc(@TempDir Path dir) {
		new ResidentMemory(dir.resolve("no-such-file")).bindTo(registry);

		assertThat(registry.find(ResidentMemory.NAME).gauge()).isNull();
	}

}
