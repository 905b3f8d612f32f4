package dev.cnm.core.filter;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.image.Image;
import java.time.Clock;
import java.util.List;

/**
 * Docker's list requests with their filters, as the daemon answers them: {@code docker ps}
 * ({@code GET /containers/json}), {@code docker images} ({@code GET /images/json}) and {@code
 * docker network ls} ({@code GET /networks}). Every
 * filter is checked before anything is listed, with the daemon's messages.
 *
 * <pre>{@code
 * List<ContainerInfo> ps = Listing.containers(engine, ContainerListOptions.builder()
 *     .all(true).filters(FilterArgs.fromJson("{\"status\":{\"exited\":true}}")).build());
 * List<NetworkInfo> custom = Listing.networks(engine, FilterArgs.builder().add("type", "custom").build());
 * }</pre>
 */
public final class Listing {
  private Listing() {}

  /**
   * The containers {@code options} select, newest first (moby's {@code daemon/list.go}).
   * An {@code ancestor} matches the containers of the image and of every image built on it.
   * Containers: {@code ancestor}, {@code before}, {@code expose}, {@code exited}, {@code health},
   * {@code id}, {@code is-task}, {@code isolation}, {@code label}, {@code name}, {@code network},
   * {@code publish}, {@code since}, {@code status}, {@code volume}.
   *
   * @param engine the engine to list
   * @param options {@code -a}, the limit and the filters
   * @return the matching containers, newest first
   * @throws dev.cnm.api.error.InvalidParameterException for an unknown key ({@code invalid filter
   *     'foo'}) or a bad {@code exited}, {@code status}, {@code health} or {@code is-task} value
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: x} for {@code before}
   *     or {@code since}
   * @throws dev.cnm.api.error.SystemException for a bad {@code publish} or {@code expose} value
   *     (an untyped error in moby: 500)
   */
  public static List<ContainerInfo> containers(Engine engine, ContainerListOptions options) {
    requireNonNull(engine, "engine");
    requireNonNull(options, "options");
    return ContainerMatcher.list(engine.containers(), options, engine.images());
  }

  /**
   * The images {@code options} select, newest first, each with the references the {@code
   * reference} filter keeps (moby's {@code daemon/images/image_list.go}): {@code dangling},
   * {@code label}, {@code before}, {@code since}, {@code reference}, {@code until}.
   *
   * @param engine the engine to list
   * @param options {@code -a} and the filters
   * @param clock what an {@code until} duration counts back from
   * @return the matching images, newest first
   * @throws dev.cnm.api.error.InvalidParameterException for an unknown key ({@code invalid filter
   *     'foo'}) or a bad {@code dangling} value ({@code invalid filter 'dangling=maybe'})
   * @throws dev.cnm.api.error.NotFoundException {@code No such image: x:latest} for {@code
   *     before} or {@code since}
   */
  public static List<Image> images(Engine engine, ImageListOptions options, Clock clock) {
    requireNonNull(engine, "engine");
    requireNonNull(options, "options");
    requireNonNull(clock, "clock");
    return ImageMatcher.list(engine.images(), options, clock);
  }

  /**
   * The networks {@code filters} select, in the engine's order (moby's {@code
   * daemon/network/filter.go}): {@code dangling}, {@code driver}, {@code id}, {@code label},
   * {@code name}, {@code scope}, {@code type}.
   *
   * @param engine the engine to list
   * @param filters the filters
   * @return the matching networks
   * @throws dev.cnm.api.error.InvalidParameterException for an unknown key or a bad {@code
   *     dangling} value
   * @throws dev.cnm.api.error.SystemException for a {@code type} other than {@code builtin} or
   *     {@code custom} ({@code invalid filter: 'type'='x'}, untyped in moby: 500)
   */
  public static List<NetworkInfo> networks(Engine engine, FilterArgs filters) {
    requireNonNull(engine, "engine");
    requireNonNull(filters, "filters");
    return NetworkMatcher.list(engine.networks(), filters);
  }
}
