package lab.c10k.vthreads;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the flight recording that Surefire's JVM wrote while the conformance suite and the
 * virtual-thread tests ran (see the argLine in this module's pom), and fails on any virtual thread
 * that pinned its carrier in project or library code, naming the code that did it.
 */
class PinnedVirtualThreadsIT {

	private static final Path RECORDING = Path.of(System.getProperty("c10k.jfr.recording", "target/suite.jfr"));

	@Test
	void noVirtualThreadPinnedItsCarrierWhileTheSuiteRan() throws IOException {
		assertThat(RECORDING).as("the suite's flight recording").exists();
		List<RecordedEvent> events = RecordingFile.readAllEvents(RECORDING);

		assertThat(count(events, "jdk.VirtualThreadStart")).as("virtual threads started during the suite")
			.isGreaterThan(1000);
		List<RecordedEvent> classLoading = of(events, "jdk.VirtualThreadPinned").stream()
			.filter(PinnedVirtualThreadsIT::whileLoadingAClass)
			.toList();
		if (!classLoading.isEmpty()) {
			System.out.println("Pinned while loading a class (once per class, not counted): " + describe(classLoading));
		}
		List<RecordedEvent> pinned = of(events, "jdk.VirtualThreadPinned").stream()
			.filter(PinnedVirtualThreadsIT::outsideTheJdk)
			.filter(event -> !whileLoadingAClass(event))
			.toList();
		assertThat(pinned).as(() -> describe(pinned)).isEmpty();
		List<RecordedEvent> refused = of(events, "jdk.VirtualThreadSubmitFailed");
		assertThat(refused).as(() -> describe(refused)).isEmpty();
	}

	private static List<RecordedEvent> of(List<RecordedEvent> events, String type) {
		return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
	}

	/**
	 * The JDK pins for a moment in its own start-up (its I/O poller's class initialisation, seen on
	 * JDK 25); that is neither this project's code nor a library's, nor in the request path.
	 */
	private static boolean outsideTheJdk(RecordedEvent event) {
		return event.getStackTrace() == null
				|| event.getStackTrace().getFrames().stream().map(f -> f.getMethod().getType().getName())
					.anyMatch(type -> !isJdk(type));
	}

	/**
	 * JDK 25 cannot unmount a virtual thread while the JVM loads, links or initialises a class for
	 * it (JEP 491 leaves that case pinned); a thread that meets another loading the same class waits
	 * pinned. That happens once per class per JVM, at first use, and is not the steady-state request
	 * path. Such events show a class loader or a static initialiser ({@code <clinit>}: a monitor it
	 * meets contended pins, seen in Tomcat's ApplicationHttpRequest under load) on the stack, or one
	 * of the JVM's two reasons for it.
	 */
	private static boolean whileLoadingAClass(RecordedEvent event) {
		String reason = event.hasField("pinnedReason") ? String.valueOf(event.getString("pinnedReason")) : "";
		boolean loadingOnStack = event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
			.anyMatch(f -> f.getMethod().getName().equals("<clinit>") || f.getMethod().getName().equals("loadClass")
					&& f.getMethod().getType().getName().endsWith("ClassLoader"));
		return loadingOnStack || reason.startsWith("Waited for initialization") || reason.equals(CLASS_LINKING);
	}

	/** The JVM's reason when the thread was in a critical section: class loading or linking (freeze_pinned_cs). */
	private static final String CLASS_LINKING = "Freeze or preempt failed (2)";

	private static boolean isJdk(String type) {
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
	}

	private static long count(List<RecordedEvent> events, String type) {
		return of(events, type).size();
	}

	/** One line per pinning site: who is to blame (project or library) and the top of the stack. */
	private static String describe(List<RecordedEvent> events) {
		return events.stream()
			.map(PinnedVirtualThreadsIT::site)
			.collect(Collectors.groupingBy(site -> site, Collectors.counting()))
			.entrySet()
			.stream()
			.map(e -> e.getValue() + " x " + e.getKey())
			.collect(Collectors.joining("\n", events.size() + " event(s):\n", ""));
	}

	private static String site(RecordedEvent event) {
		if (event.getStackTrace() == null) {
			return event.getEventType().getName() + " without a stack trace";
		}
		List<RecordedFrame> frames = event.getStackTrace().getFrames();
		String culprit = frames.stream()
			.map(f -> f.getMethod().getType().getName())
			.filter(type -> !isJdk(type))
			.findFirst()
			.map(type -> type.startsWith("lab.c10k.") ? "project code " + type : "library " + library(type))
			.orElse("the JDK");
		String top = frames.stream()
			.limit(8)
			.map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber())
			.collect(Collectors.joining(" <- "));
		return event.getEventType().getName() + " in " + culprit + ": " + top;
	}

	private static String library(String type) {
		String[] parts = type.split("\\.");
		return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : type;
	}

}
