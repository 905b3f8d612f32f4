package dev.cnm.testkit.junit;

import dev.cnm.testkit.docker.DockerEndpoint;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the {@link DockerEndpoint} that {@link CnmExtension} injects listens: a loopback port (the
 * default) or a Unix socket in a temporary directory. On a test method or its class.
 *
 * <pre>{@code
 * @CnmTest
 * @DockerEndpointKind(DockerEndpoint.Kind.UNIX_SOCKET)
 * void over_the_socket(DockerEndpoint docker) {
 *   assertThat(docker.dockerHost()).startsWith("unix:///");
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface DockerEndpointKind {
  /** {@return how the endpoint listens} */
  DockerEndpoint.Kind value();
}
