package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.port.ExposedPort;
import java.time.Instant;
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
 * images have none here (their Dockerfiles were not available to check). {@code WORKDIR} and
 * {@code VOLUME} are those of the official Dockerfiles too ({@code redis} works in {@code /data}).
 *
 * <p>Creation dates, sizes and layer counts are representative of the amd64 images of mid-2025
 * as {@code docker images} shows them ({@code nginx} 192MB, {@code alpine} 8.31MB), not pinned to
 * a digest; {@code nginx}, {@code redis}, {@code postgres} and {@code httpd} are built on {@code
 * debian:bookworm-slim} and share its layer, as on Docker Hub.
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
    String slim = "debian:bookworm-slim";
    return EMPTY
        .with(ImageInfo.of("debian", List.of(), List.of(PATH)).withCommand(List.of(), List.of("bash"))
            .withCreated(Instant.parse("2025-05-12T00:00:00Z")).withSize(116_500_000L, 1))
        .with(ImageInfo.of(slim, List.of(), List.of(PATH)).withCommand(List.of(), List.of("bash"))
            .withCreated(Instant.parse("2025-05-12T00:00:00Z")).withSize(74_800_000L, 1))
        .with(ImageInfo.of("nginx", config()
                .addExposedPort(ExposedPort.tcp(80))
                .env(List.of(PATH, "NGINX_VERSION=1.27.5", "NJS_VERSION=0.8.10", "NJS_RELEASE=1~bookworm",
                    "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm"))
                .entrypoint(List.of("/docker-entrypoint.sh")).cmd(List.of("nginx", "-g", "daemon off;"))
                .stopSignal("SIGQUIT").build())
            .withBase(slim).withCreated(Instant.parse("2025-04-16T00:00:00Z")).withSize(117_400_000L, 6))
        .with(ImageInfo.of("redis", config()
                .addExposedPort(ExposedPort.tcp(6379))
                .env(List.of(PATH, "GOSU_VERSION=1.17", "REDIS_VERSION=7.4.2"))
                .entrypoint(List.of("docker-entrypoint.sh")).cmd(List.of("redis-server"))
                .addVolume("/data").workingDir("/data").build())
            .withBase(slim).withCreated(Instant.parse("2025-01-06T00:00:00Z")).withSize(42_500_000L, 7))
        .with(ImageInfo.of("elasticsearch", config()
                .addExposedPorts(ExposedPort.tcp(9200), ExposedPort.tcp(9300))
                .env(List.of("PATH=/usr/share/elasticsearch/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "ELASTIC_CONTAINER=true"))
                .entrypoint(List.of("/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"))
                .cmd(List.of("eswrapper")).workingDir("/usr/share/elasticsearch").build())
            .withCreated(Instant.parse("2025-04-15T00:00:00Z")).withSize(1_260_000_000L, 10))
        .with(ImageInfo.of("postgres", config()
                .addExposedPort(ExposedPort.tcp(5432))
                .env(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin",
                    "GOSU_VERSION=1.17", "LANG=en_US.utf8", "PG_MAJOR=17", "PG_VERSION=17.5-1.pgdg120+1",
                    "PGDATA=/var/lib/postgresql/data"))
                .entrypoint(List.of("docker-entrypoint.sh")).cmd(List.of("postgres"))
                .addVolume("/var/lib/postgresql/data").stopSignal("SIGINT").build())
            .withBase(slim).withCreated(Instant.parse("2025-05-13T00:00:00Z")).withSize(363_200_000L, 13))
        .with(ImageInfo.of("mysql", config()
                .addExposedPort(ExposedPort.tcp(3306))
                .env(List.of(PATH, "GOSU_VERSION=1.17", "MYSQL_MAJOR=innovation", "MYSQL_VERSION=9.3.0-1.el9",
                    "MYSQL_SHELL_VERSION=9.3.0-1.el9"))
                .entrypoint(List.of("docker-entrypoint.sh")).cmd(List.of("mysqld"))
                .addVolume("/var/lib/mysql").build())
            .withCreated(Instant.parse("2025-04-15T00:00:00Z")).withSize(859_000_000L, 11))
        .with(ImageInfo.of("httpd", config()
                .addExposedPort(ExposedPort.tcp(80))
                .env(List.of("PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "HTTPD_PREFIX=/usr/local/apache2", "HTTPD_VERSION=2.4.63"))
                .cmd(List.of("httpd-foreground")).workingDir("/usr/local/apache2").stopSignal("SIGWINCH").build())
            .withBase(slim).withCreated(Instant.parse("2025-01-23T00:00:00Z")).withSize(73_200_000L, 5))
        .with(ImageInfo.of("jpetazzo/trainingwheels", List.of(ExposedPort.tcp(5000)), List.of(PATH))
            .withCreated(Instant.parse("2015-02-03T00:00:00Z")).withSize(431_000_000L, 12))
        .with(ImageInfo.of("jpetazzo/clock", List.of(), List.of(PATH))
            .withCreated(Instant.parse("2015-03-23T00:00:00Z")).withSize(2_430_000L, 3))
        .with(ImageInfo.of("alpine", List.of(), List.of(PATH)).withCommand(List.of(), List.of("/bin/sh"))
            .withCreated(Instant.parse("2025-05-30T00:00:00Z")).withSize(8_310_000L, 1))
        .with(ImageInfo.of("busybox", List.of(), List.of(PATH)).withCommand(List.of(), List.of("sh"))
            .withCreated(Instant.parse("2024-09-26T00:00:00Z")).withSize(4_280_000L, 1))
        .with(ImageInfo.of("ubuntu", List.of(), List.of(PATH)).withCommand(List.of(), List.of("/bin/bash"))
            .withCreated(Instant.parse("2025-05-29T00:00:00Z")).withSize(78_100_000L, 1));
  }

  private static ImageConfig.Builder config() {
    return ImageConfig.builder();
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
