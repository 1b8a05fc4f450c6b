package lab.c10k;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * mvc-core, byte for byte the code of blocking-service, with every request on its own virtual
 * thread ({@code spring.threads.virtual.enabled}). A request blocked on MySQL, Redis or a long poll
 * parks its virtual thread and frees the carrier, so waiting costs heap, not an OS thread.
 */
@SpringBootApplication
public class VirtualThreadServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(VirtualThreadServiceApplication.class, args);
	}

}
