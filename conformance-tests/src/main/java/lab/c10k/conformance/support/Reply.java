package lab.c10k.conformance.support;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One HTTP response as the suite sees it: status, headers and the raw body text. */
public record Reply(String request, int status, HttpHeaders headers, String body) {

    /** The body parsed as JSON; fails the test (showing the request and body) when it is not JSON. */
    public JsonNode json() {
        try {
            return Json.parse(body);
        } catch (RuntimeException e) {
            throw new AssertionError("Expected a JSON body from " + request + " but got " + this, e);
        }
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    /** Asserts the status, and that a JSON body came with it; returns that body. */
    public JsonNode expectJson(int expectedStatus) {
        expectStatus(expectedStatus);
        assertThat(contentType()).as("Content-Type of %s", request).startsWith("application/json");
        return json();
    }

    public Reply expectStatus(int expectedStatus) {
        assertThat(status).as("status of %s, reply: %s", request, this).isEqualTo(expectedStatus);
        return this;
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + " " + body;
    }
}
