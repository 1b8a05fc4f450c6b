package lab.c10k.conformance.support;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the black-box suite: it runs against the {@link ServiceUnderTest}. The generous timeout is a
 * guard against a hung service (the suite asserts behaviour, never durations).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ServiceUnderTest.class)
@Timeout(120)
public @interface ConformanceTest {
}
