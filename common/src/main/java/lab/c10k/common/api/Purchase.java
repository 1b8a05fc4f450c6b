package lab.c10k.common.api;

/** A validated purchase request: passenger stripped, requestId a canonical lower-case UUID. */
public record Purchase(String passenger, String requestId) {
}
