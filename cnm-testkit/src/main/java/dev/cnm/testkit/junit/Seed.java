package dev.cnm.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pins the seed of the engines {@link CnmExtension} injects, to replay a failure exactly (the
 * extension prints the seed of every failing test). On a method it wins over one on the class;
 * the system property {@code cnm.seed} wins over both.
 *
 * <pre>{@code
 * @CnmTest
 * @Seed(42)
 * void replays_the_failure(Engine docker) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Seed {
  /** {@return the seed} */
  long value();
}
