package dev.cnm.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test that gets a fresh seeded cnm engine (or cluster, fault injector, event
 * recorder) by parameter: {@code @Test} plus {@code @ExtendWith(CnmExtension.class)}.
 *
 * <pre>{@code
 * @CnmTest
 * void web_reaches_its_network(Engine docker) {
 *   docker.createNetwork(NetworkSpec.of("dev"));
 *   ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(CnmExtension.class)
public @interface CnmTest {}
