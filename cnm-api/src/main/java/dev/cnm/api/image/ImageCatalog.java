package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.port.ExposedPort;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small, immutable catalogue of images the model can "run" without a registry: their exposed
 * ports and environment. Names are normalised the way Docker does ({@code nginx} = {@code
 * nginx:latest} = {@code docker.io/library/nginx:latest}). A reference with an unknown tag falls
 * back to the same repository's entry ({@code nginx:1.27} finds {@code nginx:latest}); an unknown
 * image exposes nothing.
 *
 * <p>{@link #dockerDefaults()} holds the images of the tutorial and a few common ones. Exposed
 * ports are those of the images' Dockerfiles; environment values (versions) are representative,
 * not pinned to a digest:
 *
 * <ul>
 *   <li>{@code nginx}: 80/tcp (older nginx images also exposed 443/tcp, which is what the tutorial
 *       shows; current ones expose only 80);
 *   <li>{@code redis}: 6379/tcp; {@code elasticsearch}: 9200/tcp, 9300/tcp; {@code postgres}:
 *       5432/tcp; {@code mysql}: 3306/tcp (and 33060/tcp in current images, left out here);
 *       {@code httpd}: 80/tcp;
 *   <li>{@code jpetazzo/trainingwheels}: 5000/tcp, the port its Python web app listens on (its
 *       Dockerfile was not available to check; 5000 is the well-known value);
 *   <li>{@code alpine}, {@code busybox}, {@code ubuntu}, {@code debian}, {@code jpetazzo/clock}:
 *       nothing.
 * </ul>
 *
 * <p>{@code ENTRYPOINT} / {@code CMD} are those of the official images' Dockerfiles, so that
 * {@code docker ps} shows the same {@code COMMAND}: {@code nginx} {@code /docker-entrypoint.sh}
 * / {@code nginx -g "daemon off;"}; {@code redis}, {@code postgres}, {@code mysql} {@code
 * docker-entrypoint.sh} / {@code redis-server}, {@code postgres}, {@code mysqld}; {@code
 * elasticsearch} {@code /bin/tini -- /usr/local/bin/docker-entrypoint.sh} / {@code eswrapper};
 * {@code httpd} {@code httpd-foreground}; {@code alpine} {@code /bin/sh}; {@code busybox} {@code
 * sh}; {@code ubuntu} {@code /bin/bash}; {@code debian} {@code bash}. The two {@code jpetazzo}
 * images have none here (their Dockerfiles were not available to check).
 *
 * <p>{@code STOPSIGNAL}, which {@code docker stop} sends: {@code nginx} {@code SIGQUIT} (a
 * graceful shutdown; nginxinc/docker-nginx {@code mainline/debian/Dockerfile}), {@code httpd}
 * {@code SIGWINCH} (Apache's graceful stop) and {@code postgres} {@code SIGINT} (a fast
 * shutdown), as their image histories in docker-library/repo-info show; the others keep Docker's
 * {@code SIGTERM}. How each program reacts, and so the exit code {@code docker stop} leaves, is the
 * engine's (cnm-core {@code BuiltinPrograms}): nginx, httpd, redis, postgres and mysqld exit 0 on
 * their stop signal; Elasticsearch, whose JVM tini forwards {@code SIGTERM} to, exits 143; a
 * shell or {@code sleep} running as PID 1 has no handler, so the kernel ignores {@code SIGTERM}
 * and {@code docker stop} kills it after its timeout (137). None of these images has a {@code
 * HEALTHCHECK}. An interactive shell ({@code alpine}, {@code busybox}, {@code ubuntu}, {@code
 * debian} without a command) exits at once without a terminal or an open input, as {@code docker
 * run -d alpine} does; {@code docker run -dt alpine} keeps it running.
 *
 * <pre>{@code
 * ImageCatalog images = ImageCatalog.dockerDefaults()
 *     .with(ImageInfo.of("myorg/web", List.of(ExposedPort.tcp(8080)), List.of()));
 * images.lookup("nginx").exposedPorts();        // [80/tcp]
 * images.lookup("docker.io/library/redis:7");   // redis, 6379/tcp
 * images.lookup("unknown/thing").exposedPorts(); // []
 * ImageCatalog.normalize("jpetazzo/clock");      // "docker.io/jpetazzo/clock:latest"
 * }</pre>
 */
public final class ImageCatalog {
  private static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final ImageCatalog EMPTY = new ImageCatalog(Map.of());
  private static final ImageCatalog DEFAULTS = buildDefaults();

  /** By normalised reference, in insertion order. */
  private final Map<String, ImageInfo> images;

  private ImageCatalog(Map<String, ImageInfo> images) {
    this.images = images;
  }

  /** {@return a catalogue with no images} */
  public static ImageCatalog empty() {
    return EMPTY;
  }

  /** {@return the built-in catalogue (see the class description)} */
  public static ImageCatalog dockerDefaults() {
    return DEFAULTS;
  }

  private static ImageCatalog buildDefaults() {
    return EMPTY
        .with(ImageInfo.of("nginx", List.of(ExposedPort.tcp(80)), List.of(PATH, "NGINX_VERSION=1.27.5",
            "NJS_VERSION=0.8.10", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm"))
            .withCommand(List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"))
            .withStopSignal("SIGQUIT"))
        .with(ImageInfo.of("redis", List.of(ExposedPort.tcp(6379)), List.of(PATH, "GOSU_VERSION=1.17",
            "REDIS_VERSION=7.4.2"))
            .withCommand(List.of("docker-entrypoint.sh"), List.of("redis-server")))
        .with(ImageInfo.of("elasticsearch", List.of(ExposedPort.tcp(9200), ExposedPort.tcp(9300)),
            List.of("PATH=/usr/share/elasticsearch/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "ELASTIC_CONTAINER=true"))
            .withCommand(List.of("/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"), List.of("eswrapper")))
        .with(ImageInfo.of("postgres", List.of(ExposedPort.tcp(5432)), List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin",
            "GOSU_VERSION=1.17", "LANG=en_US.utf8", "PG_MAJOR=17", "PG_VERSION=17.5-1.pgdg120+1",
            "PGDATA=/var/lib/postgresql/data"))
            .withCommand(List.of("docker-entrypoint.sh"), List.of("postgres"))
            .withStopSignal("SIGINT"))
        .with(ImageInfo.of("mysql", List.of(ExposedPort.tcp(3306)), List.of(PATH, "GOSU_VERSION=1.17",
            "MYSQL_MAJOR=innovation", "MYSQL_VERSION=9.3.0-1.el9", "MYSQL_SHELL_VERSION=9.3.0-1.el9"))
            .withCommand(List.of("docker-entrypoint.sh"), List.of("mysqld")))
        .with(ImageInfo.of("httpd", List.of(ExposedPort.tcp(80)), List.of(
            "PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HTTPD_PREFIX=/usr/local/apache2", "HTTPD_VERSION=2.4.63"))
            .withCommand(List.of(), List.of("httpd-foreground"))
            .withStopSignal("SIGWINCH"))
        .with(ImageInfo.of("jpetazzo/trainingwheels", List.of(ExposedPort.tcp(5000)), List.of(PATH)))
        .with(ImageInfo.of("jpetazzo/clock", List.of(), List.of(PATH)))
        .with(ImageInfo.of("alpine", List.of(), List.of(PATH)).withCommand(List.of(), List.of("/bin/sh")))
        .with(ImageInfo.of("busybox", List.of(), List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"))
            .withCommand(List.of(), List.of("sh")))
        .with(ImageInfo.of("ubuntu", List.of(), List.of(PATH)).withCommand(List.of(), List.of("/bin/bash")))
        .with(ImageInfo.of("debian", List.of(), List.of(PATH)).withCommand(List.of(), List.of("bash")));
  }

  /**
   * {@return a catalogue with {@code image} added, replacing an entry with the same reference}
   *
   * @param image the image to add
   */
  public ImageCatalog with(ImageInfo image) {
    requireNonNull(image, "image");
    Map<String, ImageInfo> copy = new LinkedHashMap<>(images);
    copy.put(image.reference(), image);
    return new ImageCatalog(Collections.unmodifiableMap(copy));
  }

  /**
   * {@return the image {@code name} refers to: the exact normalised reference, else the first
   * entry of the same repository (any tag), else empty}
   *
   * @param name an image reference as a user writes it, such as {@code nginx} or {@code redis:7}
   */
  public Optional<ImageInfo> find(String name) {
    String ref = normalize(name);
    ImageInfo exact = images.get(ref);
    if (exact != null) {
      return Optional.of(exact);
    }
    String repo = repository(ref);
    for (ImageInfo i : images.values()) {
      if (repository(i.reference()).equals(repo)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /**
   * {@link #find}, or an image of that reference exposing nothing, with no environment.
   *
   * @param name an image reference as a user writes it, such as {@code nginx} or {@code redis:7}
   * @return the image {@link #find} finds, or an image of that reference that exposes nothing and
   *     has no environment
   */
  public ImageInfo lookup(String name) {
    return find(name).orElseGet(() -> ImageInfo.of(name, List.of(), List.of()));
  }

  /** {@return every image, in insertion order} */
  public List<ImageInfo> images() {
    return List.copyOf(images.values());
  }

  /**
   * {@return Docker's normalised reference: the registry defaults to {@code docker.io}, a
   * single-component Docker Hub name gets {@code library/}, and the tag defaults to {@code latest}
   * (unless a digest is given)} Case is kept as written.
   *
   * @param name an image reference as a user writes it, such as {@code nginx} or {@code redis:7}
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public static String normalize(String name) {
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("image reference is empty");
    }
    String rest = name;
    String registry = "docker.io";
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io")) {
      registry = "docker.io";
    }
    if (registry.equals("docker.io") && rest.indexOf('/') < 0) {
      rest = "library/" + rest;
    }
    boolean digest = rest.indexOf('@') >= 0;
    int lastSlash = rest.lastIndexOf('/');
    boolean tagged = rest.indexOf(':', lastSlash + 1) >= 0;
    if (!digest && !tagged) {
      rest = rest + ":latest";
    }
    return registry + "/" + rest;
  }

  /** The reference without tag or digest. */
  private static String repository(String ref) {
    int at = ref.indexOf('@');
    String r = at >= 0 ? ref.substring(0, at) : ref;
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
  }
}
