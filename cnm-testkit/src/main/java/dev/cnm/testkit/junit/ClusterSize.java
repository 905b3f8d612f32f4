package dev.cnm.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The number of engines in an injected {@link CnmCluster} (3 when absent).
 *
 * <pre>{@code
 * @CnmTest
 * void five_nodes(@ClusterSize(5) CnmCluster cluster) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface ClusterSize {
  /** {@return the number of engines, at least 1} */
  int value();
}
