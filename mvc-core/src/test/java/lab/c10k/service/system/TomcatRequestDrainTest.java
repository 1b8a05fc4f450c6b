package lab.c10k.service.system;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Tomcat, through Spring Boot's graceful shutdown and the application context's own close: an answer whose
 * servlet has returned but whose bytes are not all written yet (the client reads late) reaches the client whole.
 * The servlet leaves its whole answer in Tomcat's buffer, so it is all written after the servlet is released, which is
 * the moment Boot's graceful shutdown stops counting it; the client reads only after that.
 */
class TomcatRequestDrainTest {

	/** More than loopback's socket buffers hold (tcp_wmem's maximum is 4 MiB), so the write waits for the client. */
	private static final int BODY = 16 * 1024 * 1024;

	/** How long the client leaves the answer unread after the close began: without the drain, the socket is gone. */
	private static final Duration UNREAD = Duration.ofSeconds(2);

	private static final CountDownLatch servletReturning = new CountDownLatch(1);

	@Test
	void anAnswerStillBeingWrittenWhenTheServerStopsReachesTheClientWhole() throws Exception {
		AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext(
				Server.class);
		Thread closing = null;
		try (Socket client = new Socket()) {
			client.setReceiveBufferSize(8 * 1024);
			client.connect(new InetSocketAddress("127.0.0.1", context.getWebServer().getPort()), 10_000);
			client.setSoTimeout(30_000);
			client.getOutputStream().write("GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(servletReturning.await(30, TimeUnit.SECONDS)).as("the servlet ran").isTrue();

			closing = Thread.ofPlatform().name("context-close").start(context::close);
			closing.join(UNREAD);

			InputStream in = new BufferedInputStream(client.getInputStream());
			assertThat(line(in)).startsWith("HTTP/1.1 200");
			long length = -1;
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					length = Long.parseLong(header.substring(15).strip());
				}
			}
			assertThat(length).as("Content-Length").isEqualTo(BODY);
			assertThat(in.readNBytes(BODY).length).as("bytes of the body read after the close began").isEqualTo(BODY);
		}
		finally {
			if (closing != null) {
				closing.join(Duration.ofSeconds(60));
				assertThat(closing.isAlive()).as("the context closed").isFalse();
			}
			context.close();
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("The connection ended inside the answer's head, after: " + line);
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class Server {

		@Bean
		TomcatRequestDrain tomcatRequestDrain() {
			return new TomcatRequestDrain();
		}

		@Bean
		TomcatServletWebServerFactory tomcat(TomcatRequestDrain drain) {
			TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
			factory.setShutdown(Shutdown.GRACEFUL);
			factory.addConnectorCustomizers(drain);
			return factory;
		}

		@Bean
		ServletRegistrationBean<HttpServlet> big() {
			return new ServletRegistrationBean<>(new BufferedAnswer(), "/big");
		}

	}

	/** Writes the whole body into a buffer as large as the body, so Tomcat writes it only after the servlet returns. */
	static class BufferedAnswer extends HttpServlet {

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
			response.setBufferSize(BODY);
			response.setContentType("application/octet-stream");
			response.getOutputStream().write(new byte[BODY]);
			servletReturning.countDown();
		}

	}

}
