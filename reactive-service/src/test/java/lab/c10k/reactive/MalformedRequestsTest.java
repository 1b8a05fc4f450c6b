package lab.c10k.reactive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Netty would answer by itself, or would serve as something they are not, get the
 * contract's 400 invalid-request, with the model header, like any other bad request.
 */
@ExtendWith(ServiceUnderTest.class)
class MalformedRequestsTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "a control character in the method", "a request line past 8 KB", "a header without a colon" })
	void isAnsweredWithAProblemAndTheModelHeader(String what) throws IOException {
		String requestLine = switch (what) {
			case "a control character in the method" -> "GET\u0001 /api/trains HTTP/1.1";
			case "a request line past 8 KB" -> "GET /api/ping?x=" + "y".repeat(9_000) + " HTTP/1.1";
			default -> "GET /api/ping HTTP/1.1\r\nno colon here";
		};

		String answer = exchange(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("X-Concurrency-Model: reactive")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"type\":\"/problems/invalid-request\"");
	}

	private static String exchange(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", ServiceUnderTest.baseUri().getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
