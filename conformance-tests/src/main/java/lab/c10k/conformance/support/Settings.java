package lab.c10k.conformance.support;

/** One lookup for every knob of the suite: a system property wins over the environment variable of the same name. */
final class Settings {

    private Settings() {
    }

    static String get(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? fallback : value;
    }

    static String required(String name) {
        String value = get(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set the system property " + name
                    + " (the service module's Surefire configuration normally does)");
        }
        return value;
    }
}
