package dev.cnm.testkit.junit;

import dev.cnm.testkit.docker.DockerEndpoint;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension's Docker endpoint: its own class, loaded only when a test asks for an endpoint or
 * a client, so that {@link CnmExtension} works without cnm-docker-api and docker-java.
 */
final class Endpoints {
  private Endpoints() {}

  static DockerEndpoint endpoint(CnmExtension.Fixture f, ExtensionContext context) {
    synchronized (f) {
      if (f.endpoint == null) {
        DockerEndpoint.Kind kind = CnmExtension.annotation(context, DockerEndpointKind.class)
            .map(DockerEndpointKind::value).orElse(DockerEndpoint.Kind.TCP);
        f.endpoint = DockerEndpoint.start(f.engine(), kind);
      }
      return (DockerEndpoint) f.endpoint;
    }
  }

  static Object client(CnmExtension.Fixture f, ExtensionContext context) {
    return endpoint(f, context).dockerClient();
  }
}
