package dev.cnm.testkit.guide.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Code that finds Docker as the docker CLI does, through {@code DOCKER_HOST} ({@code tcp://} or
 * {@code unix://}, the default socket when unset), and speaks HTTP to it with the JDK alone: it
 * lists the names of the running containers.
 */
public final class ContainerLister {
  private final Map<String, String> env;

  /**
   * A lister that reads {@code env}.
   *
   * @param env the environment, {@code System.getenv()} in production
   */
  public ContainerLister(Map<String, String> env) {
    this.env = env;
  }

  /**
   * {@return the names of the running containers, without their leading slash}
   *
   * @throws IOException when Docker cannot be reached
   * @throws InterruptedException when interrupted
   */
  public List<String> runningContainers() throws IOException, InterruptedException {
    URI host = URI.create(env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"));
    String path = "/v1.50/containers/json";
    String body;
    if (host.getScheme().equals("tcp")) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + host.getAuthority() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      body = r.body();
    } else if (host.getScheme().equals("unix")) {
      body = overUnixSocket(host.getPath(), path);
    } else {
      throw new IllegalArgumentException("unsupported DOCKER_HOST: " + host);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode c : new ObjectMapper().readTree(body)) {
      names.add(c.get("Names").get(0).asText().substring(1));
    }
    return names;
  }

  /** One HTTP/1.1 request on a Unix socket, the connection closed after the answer. */
  private static String overUnixSocket(String socket, String path) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      String request = "GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
      ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = Channels.newInputStream(ch)) {
        in.transferTo(out);
      }
      String response = out.toString(StandardCharsets.UTF_8);
      int split = response.indexOf("\r\n\r\n");
      String head = response.substring(0, split).toLowerCase(java.util.Locale.ROOT);
      String body = response.substring(split + 4);
      return head.contains("transfer-encoding: chunked") ? unchunk(body) : body;
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }
}
