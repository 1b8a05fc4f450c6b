package lab.c10k.common.api;

/** The answer of {@code GET /api/ping}: which model, on which kind of thread. */
public record Ping(String model, String thread, boolean virtual) {

	public static Ping fromCurrentThread(String model) {
		Thread thread = Thread.currentThread();
		return new Ping(model, thread.getName().isEmpty() ? thread.toString() : thread.getName(), thread.isVirtual());
	}

}
