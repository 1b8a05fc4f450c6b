package lab.c10k;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The contract on an event loop: WebFlux on Reactor Netty, R2DBC MySQL and reactive Redis. A few
 * event-loop threads serve every request, and none of them ever waits for I/O.
 */
@SpringBootApplication
public class ReactiveServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveServiceApplication.class, args);
	}

}
