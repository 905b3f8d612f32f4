package dev.cnm.cli;

import dev.cnm.api.ClusterEndpoint;
import dev.cnm.api.ClusterHost;
import dev.cnm.api.error.CnmException;
import java.util.List;

/**
 * {@code cluster host ls} and {@code cluster host rm NAME...}: the hosts the cluster store knows
 * (registered, or only named by endpoints left behind) and the removal of a host that is gone for
 * good, with its endpoints and their addresses. Docker's daemon had no such command (stale
 * endpoints of a dead host were cleared one by one with {@code network disconnect -f}); the
 * names follow Docker's {@code node ls} / {@code node rm}.
 */
final class ClusterCommands {
  private final Commands ctx;

  ClusterCommands(Commands ctx) {
    this.ctx = ctx;
  }

  Args spec() {
    return Args.interspersed("cluster").describe("Manage the hosts of the cluster store (host ls, host rm NAME...)")
        .flag("-q", "--quiet").body(this::run);
  }

  private int run(Args a) {
    List<String> p = a.positionals();
    if (p.size() >= 2 && p.get(0).equals("host") && (p.get(1).equals("ls") || p.get(1).equals("list"))
        && p.size() == 2) {
      return ls(a.has("-q"));
    }
    if (p.size() >= 3 && p.get(0).equals("host") && (p.get(1).equals("rm") || p.get(1).equals("remove"))) {
      return rm(p.subList(2, p.size()));
    }
    ctx.err().println("Usage:  cnm cluster host ls [-q]\n        cnm cluster host rm NAME [NAME...]");
    return 1;
  }

  private int ls(boolean quiet) {
    List<ClusterHost> hosts = ctx.engine().clusterHosts();
    if (quiet) {
      hosts.forEach(h -> ctx.out().println(h.name()));
      return 0;
    }
    String format = "%-20s %-12s %-16s %-15s %s%n";
    ctx.out().printf(format, "HOST", "ID", "ADDRESS", "STATUS", "ENDPOINTS");
    for (ClusterHost h : hosts) {
      String status = h.registered() ? (h.self() ? "registered *" : "registered") : "not registered";
      StringBuilder eps = new StringBuilder();
      for (ClusterEndpoint e : h.endpoints()) {
        if (eps.length() > 0) {
          eps.append(", ");
        }
        eps.append(e.name()).append(" on ").append(e.networkName())
            .append(e.ipv4Address().map(s -> " (" + s.address() + ")").orElse(""));
      }
      ctx.out().printf(format, h.name(), h.id().map(id -> id.length() > 12 ? id.substring(0, 12) : id).orElse("-"),
          h.address().orElse("-"), status, eps);
    }
    return 0;
  }

  private int rm(List<String> names) {
    boolean failed = false;
    for (String name : names) {
      try {
        ctx.engine().removeClusterHost(name);
        ctx.out().println(name);
      } catch (CnmException e) {
        ctx.err().println(Commands.DAEMON + e.getMessage());
        failed = true;
      }
    }
    return failed ? 1 : 0;
  }
}
