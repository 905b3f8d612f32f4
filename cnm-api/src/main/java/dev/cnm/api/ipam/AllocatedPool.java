package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.Subnet;
import java.util.Map;

/**
 * A pool an IPAM driver handed out ({@code ipamapi.AllocatedPool}): its opaque id, the prefix,
 * and meta data (for example a gateway under {@link IpamOptions#GATEWAY}).
 *
 * <pre>{@code
 * AllocatedPool p = ipam.requestPool(PoolRequest.of("LocalDefault"));
 * p.poolId(); // "LocalDefault/172.17.0.0/16"
 * p.pool();   // 172.17.0.0/16
 * }</pre>
 */
public final class AllocatedPool {
  private final String poolId;
  private final Subnet pool;
  private final Map<String, String> meta;

  private AllocatedPool(String poolId, Subnet pool, Map<String, String> meta) {
    this.poolId = requireNonNull(poolId, "poolId");
    this.pool = requireNonNull(pool, "pool");
    this.meta = Map.copyOf(meta);
  }

  /**
   * {@return a pool without meta data}
   *
   * @param poolId the pool's id, which the driver chooses
   * @param pool the pool's prefix
   */
  public static AllocatedPool of(String poolId, Subnet pool) {
    return new AllocatedPool(poolId, pool, Map.of());
  }

  /**
   * {@return a pool with meta data}
   *
   * @param poolId the pool's id, which the driver chooses
   * @param pool the pool's prefix
   * @param meta the extra addresses reserved with the pool, keyed by well-known labels
   */
  public static AllocatedPool of(String poolId, Subnet pool, Map<String, String> meta) {
    return new AllocatedPool(poolId, pool, meta);
  }

  /** {@return the id later calls name the pool by; opaque to everyone but the driver} */
  public String poolId() {
    return poolId;
  }

  /** {@return the allocated prefix, host bits cleared} */
  public Subnet pool() {
    return pool;
  }

  /**
   * Extra addresses reserved with the pool, keyed by well-known labels.
   *
   * @return the extra addresses reserved with the pool, keyed by well-known labels
   */
  public Map<String, String> meta() {
    return meta;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AllocatedPool)) {
      return false;
    }
    AllocatedPool p = (AllocatedPool) o;
    return p.poolId.equals(poolId) && p.pool.equals(pool) && p.meta.equals(meta);
  }

  @Override
  public int hashCode() {
    return (poolId.hashCode() * 31 + pool.hashCode()) * 31 + meta.hashCode();
  }

  @Override
  public String toString() {
    return "AllocatedPool{poolId=" + poolId + ", pool=" + pool + (meta.isEmpty() ? "" : ", meta=" + meta) + "}";
  }
}
