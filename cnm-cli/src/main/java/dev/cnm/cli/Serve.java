package dev.cnm.cli;

import dev.cnm.dockerapi.DockerApiServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cnm serve [--listen tcp://127.0.0.1:2375 | unix:///path]}: serves the state directory's
 * engine over the Docker Engine API until interrupted, holding the state lock the whole time and
 * saving after every mutating request (before its reply is sent), so that the real docker CLI or
 * docker-java drive the same model as {@code cnm}.
 */
final class Serve {
  private Serve() {}

  static final String DEFAULT_LISTEN = "tcp://127.0.0.1:2375";

  static int run(String listen, EngineStore.Session session, StateFile file, PrintStream out, PrintStream err) {
    DockerApiServer.Builder builder = DockerApiServer.builder()
        .engine(session.engine())
        .onMutation(() -> file.write(session.save(List.of("serve"))));
    try {
      if (listen.startsWith("unix://")) {
        builder.unixSocket(Path.of(listen.substring("unix://".length())));
      } else {
        URI uri = URI.create(listen.contains("://") ? listen : "tcp://" + listen);
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
          err.println("invalid --listen address: " + listen + " (expected tcp://HOST:PORT or unix:///PATH)");
          return Commands.EXIT_RUN;
        }
        builder.listen(new InetSocketAddress(uri.getHost(), uri.getPort()));
      }
    } catch (IllegalArgumentException e) {
      err.println("invalid --listen address: " + listen + " (" + e.getMessage() + ")");
      return Commands.EXIT_RUN;
    }
    try (DockerApiServer server = builder.build().start()) {
      out.println("API listening on " + listen + " (DOCKER_HOST=" + listen + ")");
      out.flush();
      server.awaitClose();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException e) {
      err.println("cnm: " + e.getMessage());
      return 1;
    }
  }
}
