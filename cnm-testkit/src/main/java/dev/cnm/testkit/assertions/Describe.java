package dev.cnm.testkit.assertions;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.IpamPoolInfo;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.host.Rule;
import java.util.List;
import java.util.stream.Collectors;

/** The parts of the model a failure message shows, one line each. */
final class Describe {
  private Describe() {}

  static String network(NetworkInfo n) {
    return "network " + n.name() + " (" + n.shortId() + ", driver " + n.driver() + ")\n  ipam: "
        + n.ipamConfigs().stream().map(Describe::pool).collect(Collectors.joining(", ", "[", "]"))
        + "\n  endpoints: " + n.endpoints().stream().map(e -> e.name() + " " + e.ipv4Address().map(Object::toString).orElse("-"))
            .collect(Collectors.joining(", ", "[", "]"));
  }

  static String pool(IpamPoolInfo p) {
    return "subnet " + p.subnet() + p.gateway().map(g -> " gateway " + g).orElse("")
        + p.ipRange().map(r -> " range " + r).orElse("");
  }

  static String container(ContainerInfo c) {
    StringBuilder sb = new StringBuilder("container ").append(c.name()).append(" (").append(c.shortId()).append(", ")
        .append(c.status()).append(", network mode ").append(c.networkMode()).append(")");
    c.networks().forEach((name, att) -> sb.append("\n  ").append(name).append(": ")
        .append(att.endpoint().map(Describe::endpointLine).orElse("no endpoint (not running)")));
    sb.append("\n  ports: ").append(c.ports());
    return sb.toString();
  }

  static String endpoint(EndpointInfo e) {
    return "endpoint " + e.name() + " on " + e.networkName() + ": " + endpointLine(e);
  }

  static String endpointLine(EndpointInfo e) {
    return "address " + e.ipv4Address().map(Object::toString).orElse("-")
        + e.ipv6Address().map(a -> " " + a).orElse("")
        + ", gateway " + e.gateway().map(Object::toString).orElse("-")
        + ", mac " + e.macAddress().map(Object::toString).orElse("-")
        + ", aliases " + e.aliases() + ", dns names " + e.dnsNames();
  }

  static String rules(List<Rule> rules) {
    return rules.stream().map(r -> "-t " + r.table() + " -A " + r.chain() + " " + r.spec())
        .collect(Collectors.joining("\n  ", "  ", ""));
  }
}
