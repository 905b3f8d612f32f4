/**
 * Docker's list and prune filters, once for every front end: {@link
 * dev.cnm.core.filter.FilterArgs} reads them from the Engine API's JSON or the docker CLI's
 * {@code --filter} flags; {@link dev.cnm.core.filter.Listing} answers {@code docker ps} and {@code
 * docker network ls}; {@link dev.cnm.core.filter.Prune} answers {@code docker network prune} and
 * {@code POST /containers/prune}. The rules and messages are moby's ({@code daemon/list.go},
 * {@code daemon/network/filter.go}, {@code daemon/prune.go}, {@code api/types/filters}).
 *
 * <pre>{@code
 * FilterArgs f = FilterArgs.builder().addFlag("label=env=dev").build();
 * List<NetworkInfo> dev = Listing.networks(engine, f);
 * List<String> pruned = Prune.networks(engine, f, Clock.systemDefaultZone());
 * }</pre>
 */
package dev.cnm.core.filter;
