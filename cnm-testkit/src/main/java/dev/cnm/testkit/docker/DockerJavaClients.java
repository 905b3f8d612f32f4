package dev.cnm.testkit.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * Builds docker-java clients; its own class so that the endpoint loads the transports' classes
 * only when a client is asked for, and only the one asked for.
 */
final class DockerJavaClients {
  /**
   * The API version the clients ask for: docker-java 3.4's newest, which the server (1.50) serves,
   * so that every request goes to {@code /v1.44/...} whatever the user's docker-java defaults to.
   */
  static final String CLIENT_API_VERSION = "1.44";

  private DockerJavaClients() {}

  static DockerClient create(URI uri, DockerEndpoint.Transport transport) {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(uri.toString())
        .withDockerTlsVerify(false)
        .withApiVersion(CLIENT_API_VERSION)
        .build();
    return DockerClientImpl.getInstance(config, http(uri, transport));
  }

  private static DockerHttpClient http(URI uri, DockerEndpoint.Transport transport) {
    switch (transport) {
      case ZERODEP:
        return zerodep(uri);
      case HTTPCLIENT5:
        return new ApacheDockerHttpClient.Builder().dockerHost(uri).connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(60)).build();
      default:
        throw new AssertionError(transport);
    }
  }

  private static DockerHttpClient zerodep(URI uri) {
    return new ZerodepDockerHttpClient.Builder().dockerHost(uri).connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(60)).build();
  }
}
