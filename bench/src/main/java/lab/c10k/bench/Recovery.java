package lab.c10k.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whether a service recovered by itself once the overload stopped: one purchase, retried with the same requestId
 * as the contract allows, until it is sold (201, or 200 for a retry that finds it sold) or the attempts run out.
 * Each retry waits what the 503's Retry-After says (1 s when there is none, or the connection failed).
 */
record Recovery(int maxAttempts, Duration timeout) {

    Map<String, Object> purchase(URI base, long trainId, String passenger) throws InterruptedException {
        UUID requestId = UUID.randomUUID();
        List<String> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        boolean sold = false;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build()) {
            for (int attempt = 1; attempt <= maxAttempts && !sold; attempt++) {
                long waitSeconds = 1;
                try {
                    HttpResponse<Void> reply = client.send(Api.purchase(base, trainId, passenger, requestId, timeout),
                            HttpResponse.BodyHandlers.discarding());
                    outcomes.add(String.valueOf(reply.statusCode()));
                    sold = reply.statusCode() == 201 || reply.statusCode() == 200;
                    waitSeconds = reply.headers().firstValueAsLong("Retry-After").orElse(1);
                } catch (IOException e) {
                    outcomes.add(e instanceof java.net.http.HttpTimeoutException ? "timeout" : "io-error");
                }
                if (!sold && attempt < maxAttempts) {
                    // The service said when to come back (Retry-After); asking sooner would only be refused again.
                    Thread.sleep(Duration.ofSeconds(Math.clamp(waitSeconds, 0, 10)));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recovered", sold);
        out.put("attempts", outcomes.size());
        out.put("maxAttempts", maxAttempts);
        out.put("outcomes", outcomes);
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        return out;
    }
}
