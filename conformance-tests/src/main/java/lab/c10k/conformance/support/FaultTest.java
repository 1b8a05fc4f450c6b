package lab.c10k.conformance.support;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the suite that injects faults into the service's links to MySQL and Redis: after each test every
 * link passes again and the service is healthy before the next test starts ({@link Recovery}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ConformanceTest
@ExtendWith(Recovery.class)
public @interface FaultTest {
}
