package lab.c10k;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** mvc-core on Tomcat's pool of platform threads: one OS thread per request, blocked on every I/O. */
@SpringBootApplication
public class BlockingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(BlockingServiceApplication.class, args);
	}

}
