package lab.c10k.reactive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.Channel;
import lab.c10k.ReactiveServiceApplication;
import lab.c10k.conformance.support.ServiceUnderTest;
import reactor.netty.DisposableServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * One more instance of the service in the test JVM, on the database and Redis prefix of the service
 * under test (as a second instance in production would be), with some settings changed.
 */
record ExtraInstance(ConfigurableApplicationContext context, URI baseUri) implements AutoCloseable {

	private static final List<String> SHARED = List.of("spring.r2dbc.url", "spring.r2dbc.username",
			"spring.r2dbc.password", "spring.flyway.url", "spring.flyway.user", "spring.flyway.password",
			"spring.data.redis.host", "spring.data.redis.port", "c10k.redis.key-prefix");

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/** Starts it with these settings ({@code name=value}) on top of the shared ones. */
	static ExtraInstance start(String... settings) {
		Environment shared = ServiceUnderTest.context().getEnvironment();
		List<String> arguments = new ArrayList<>();
		SHARED.forEach(name -> arguments.add("--" + name + "=" + shared.getProperty(name, "")));
		arguments.add("--server.port=0");
		for (String setting : settings) {
			arguments.add("--" + setting);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReactiveServiceApplication.class)
			.run(arguments.toArray(String[]::new));
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return new ExtraInstance(context, URI.create("http://127.0.0.1:" + port));
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(baseUri.resolve(path)).GET());
	}

	HttpResponse<String> postJson(String path, String json) {
		return send(HttpRequest.newBuilder(baseUri.resolve(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json)));
	}

	/** The channel the web server listens on; Boot does not expose it, so it is read by reflection. */
	Channel serverChannel() throws ReflectiveOperationException {
		Object server = ((WebServerApplicationContext) context).getWebServer();
		Field field = server.getClass().getDeclaredField("disposableServer");
		field.setAccessible(true);
		return ((DisposableServer) field.get(server)).channel();
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		context.close();
	}

}
