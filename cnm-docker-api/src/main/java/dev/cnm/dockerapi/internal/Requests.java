package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads request bodies the way Go's {@code encoding/json} decodes them into Docker's structs:
 * keys match case-insensitively, unknown keys are ignored, {@code null} is the zero value, and a
 * value of the wrong JSON type is a 400.
 */
final class Requests {
  private Requests() {}

  /** The field {@code name} of {@code obj}, matched case-insensitively; null when absent or null. */
  static JsonNode field(JsonNode obj, String name) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    JsonNode exact = obj.get(name);
    if (exact == null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase(name)) {
          exact = e.getValue();
          break;
        }
      }
    }
    return exact == null || exact.isNull() ? null : exact;
  }

  private static InvalidParameterException mismatch(JsonNode value, String goField, String goType) {
    String kind = value.isTextual() ? "string" : value.isNumber() ? "number" : value.isBoolean() ? "bool"
        : value.isArray() ? "array" : "object";
    return new InvalidParameterException(
        "invalid JSON: json: cannot unmarshal " + kind + " into Go struct field " + goField + " of type " + goType);
  }

  static String string(JsonNode obj, String name, String goField) {
    JsonNode v = field(obj, name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw mismatch(v, goField, "string");
    }
    return v.asText();
  }

  static boolean bool(JsonNode obj, String name, String goField) {
    JsonNode v = field(obj, name);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw mismatch(v, goField, "bool");
    }
    return v.booleanValue();
  }

  static Optional<Boolean> optionalBool(JsonNode obj, String name, String goField) {
    return field(obj, name) == null ? Optional.empty() : Optional.of(bool(obj, name, goField));
  }

  static int integer(JsonNode obj, String name, String goField) {
    JsonNode v = field(obj, name);
    if (v == null) {
      return 0;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw mismatch(v, goField, "int");
    }
    return v.intValue();
  }

  /** A {@code []string}; a single string is accepted too, as Docker's {@code StrSlice} does. */
  static List<String> stringList(JsonNode obj, String name, String goField) {
    JsonNode v = field(obj, name);
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      return List.of(v.asText());
    }
    if (!v.isArray()) {
      throw mismatch(v, goField, "[]string");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw mismatch(e, goField, "string");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A {@code []string} that is only that ({@code Env}): a single string is a type error, as in Go. */
  static List<String> strictStringList(JsonNode obj, String name, String goField) {
    JsonNode v = field(obj, name);
    if (v != null && !v.isArray()) {
      throw mismatch(v, goField, "[]string");
    }
    return stringList(obj, name, goField);
  }

  static Map<String, String> stringMap(JsonNode obj, String name, String goField) {
    JsonNode v = field(obj, name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw mismatch(v, goField, "map[string]string");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw mismatch(e.getValue(), goField, "string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  static JsonNode object(JsonNode obj, String name, String goField, String goType) {
    JsonNode v = field(obj, name);
    if (v != null && !v.isObject()) {
      throw mismatch(v, goField, goType);
    }
    return v;
  }

  // ---- networks ------------------------------------------------------------------------------

  static NetworkSpec networkSpec(JsonNode body) {
    if (!body.isObject()) {
      throw mismatch(body, "CreateRequest", "network.CreateRequest");
    }
    String name = string(body, "Name", "CreateRequest.Name");
    NetworkSpec.Builder b = NetworkSpec.builder().name(name == null ? "" : name);
    String driver = string(body, "Driver", "CreateRequest.Driver");
    if (driver != null && !driver.isEmpty()) {
      b.driver(driver);
    }
    String scope = string(body, "Scope", "CreateRequest.Scope");
    if (scope != null && !scope.isEmpty()) {
      b.scope(scope);
    }
    b.internal(bool(body, "Internal", "CreateRequest.Internal"));
    b.attachable(bool(body, "Attachable", "CreateRequest.Attachable"));
    b.ingress(bool(body, "Ingress", "CreateRequest.Ingress"));
    optionalBool(body, "EnableIPv4", "CreateRequest.EnableIPv4").ifPresent(b::enableIpv4);
    optionalBool(body, "EnableIPv6", "CreateRequest.EnableIPv6").ifPresent(b::enableIpv6);
    b.options(stringMap(body, "Options", "CreateRequest.Options"));
    b.labels(stringMap(body, "Labels", "CreateRequest.Labels"));
    JsonNode ipam = object(body, "IPAM", "CreateRequest.IPAM", "network.IPAM");
    if (ipam != null) {
      String ipamDriver = string(ipam, "Driver", "IPAM.Driver");
      if (ipamDriver != null && !ipamDriver.isEmpty()) {
        b.ipamDriver(ipamDriver);
      }
      b.ipamOptions(stringMap(ipam, "Options", "IPAM.Options"));
      JsonNode configs = field(ipam, "Config");
      if (configs != null) {
        if (!configs.isArray()) {
          throw mismatch(configs, "IPAM.Config", "[]network.IPAMConfig");
        }
        // moby's ValidateIPAM parses every entry and reports what does not parse, all at once
        List<String> unparsable = new ArrayList<>();
        for (JsonNode cfg : configs) {
          if (!cfg.isObject()) {
            throw mismatch(cfg, "IPAM.Config", "network.IPAMConfig");
          }
          IpamPoolSpec.Builder pool = IpamPoolSpec.builder();
          String subnet = Objects.requireNonNullElse(string(cfg, "Subnet", "IPAMConfig.Subnet"), "");
          String range = string(cfg, "IPRange", "IPAMConfig.IPRange");
          String gateway = string(cfg, "Gateway", "IPAMConfig.Gateway");
          Map<String, String> aux = stringMap(cfg, "AuxiliaryAddresses", "IPAMConfig.AuxiliaryAddresses");
          Optional<Subnet> parsed = Subnet.tryParse(subnet);
          if (parsed.isEmpty()) {
            unparsable.add("invalid subnet " + subnet + ": invalid CIDR block notation");
            continue;
          }
          pool.subnet(parsed.get());
          if (range != null && !range.isEmpty()) {
            Subnet.tryParse(range).ifPresentOrElse(pool::ipRange,
                () -> unparsable.add("invalid ip-range " + range + ": invalid CIDR block notation"));
          }
          if (gateway != null && !gateway.isEmpty()) {
            IpAddress.tryParse(gateway).ifPresentOrElse(pool::gateway,
                () -> unparsable.add("invalid gateway " + gateway + ": invalid address"));
          }
          for (Map.Entry<String, String> a : aux.entrySet()) {
            IpAddress.tryParse(a.getValue()).ifPresentOrElse(ip -> pool.putAuxAddress(a.getKey(), ip),
                () -> unparsable.add("invalid auxiliary address " + a.getKey() + ": invalid address"));
          }
          b.addIpamConfig(pool.build());
        }
        if (!unparsable.isEmpty()) {
          throw new InvalidParameterException("invalid network config:\n" + String.join("\n", unparsable));
        }
      }
    }
    return b.build();
  }

  // ---- endpoints -----------------------------------------------------------------------------

  /** {@code EndpointSettings} of a connect or create request; null means no settings. */
  static EndpointSpec endpointSpec(JsonNode settings, String goField) {
    if (settings == null) {
      return EndpointSpec.empty();
    }
    if (!settings.isObject()) {
      throw mismatch(settings, goField, "network.EndpointSettings");
    }
    EndpointSpec.Builder b = EndpointSpec.builder();
    List<String> aliases = stringList(settings, "Aliases", "EndpointSettings.Aliases");
    if (aliases != null) {
      b.aliases(aliases);
    }
    List<String> links = stringList(settings, "Links", "EndpointSettings.Links");
    if (links != null) {
      b.links(links);
    }
    JsonNode ipam = object(settings, "IPAMConfig", "EndpointSettings.IPAMConfig", "network.EndpointIPAMConfig");
    if (ipam != null) {
      String v4 = string(ipam, "IPv4Address", "EndpointIPAMConfig.IPv4Address");
      if (v4 != null && !v4.isEmpty()) {
        b.ipv4Address(IpAddress.tryParse(v4).orElseThrow(
            () -> new InvalidParameterException("invalid IPv4 address: " + v4)));
      }
      String v6 = string(ipam, "IPv6Address", "EndpointIPAMConfig.IPv6Address");
      if (v6 != null && !v6.isEmpty()) {
        b.ipv6Address(IpAddress.tryParse(v6).orElseThrow(
            () -> new InvalidParameterException("invalid IPv6 address: " + v6)));
      }
      List<String> linkLocal = stringList(ipam, "LinkLocalIPs", "EndpointIPAMConfig.LinkLocalIPs");
      if (linkLocal != null) {
        for (String ll : linkLocal) {
          b.addLinkLocalIps(IpAddress.tryParse(ll).filter(ip -> !ip.isUnspecified()).orElseThrow(
              () -> new InvalidParameterException("invalid link-local IP address: " + ll)));
        }
      }
    }
    String mac = string(settings, "MacAddress", "EndpointSettings.MacAddress");
    if (mac != null && !mac.isEmpty()) {
      b.macAddress(MacAddress.tryParse(mac).orElseThrow(
          () -> new InvalidParameterException("invalid MAC address: " + mac)));
    }
    b.driverOptions(stringMap(settings, "DriverOpts", "EndpointSettings.DriverOpts"));
    b.gwPriority(integer(settings, "GwPriority", "EndpointSettings.GwPriority"));
    return b.build();
  }

  // ---- containers ----------------------------------------------------------------------------

  /**
   * {@code Config.Healthcheck} ({@code container.HealthConfig}): durations in nanoseconds, where 0
   * means the image's value or the default, as the daemon reads them.
   */
  static Healthcheck healthcheck(JsonNode health) {
    Healthcheck.Builder h = Healthcheck.builder();
    List<String> test = stringList(health, "Test", "HealthConfig.Test");
    if (test != null) {
      h.test(test);
    }
    nanos(health, "Interval").ifPresent(h::interval);
    nanos(health, "Timeout").ifPresent(h::timeout);
    nanos(health, "StartPeriod").ifPresent(h::startPeriod);
    nanos(health, "StartInterval").ifPresent(h::startInterval);
    h.retries(integer(health, "Retries", "HealthConfig.Retries"));
    try {
      return h.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(e.getMessage());
    }
  }

  private static Optional<Duration> nanos(JsonNode obj, String name) {
    JsonNode v = field(obj, name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw mismatch(v, "HealthConfig." + name, "time.Duration");
    }
    return v.longValue() == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(v.longValue()));
  }

  static ContainerSpec containerSpec(JsonNode body, Optional<String> name) {
    if (!body.isObject()) {
      throw mismatch(body, "CreateRequest", "container.CreateRequest");
    }
    String image = string(body, "Image", "CreateRequest.Image");
    if (image == null || image.isEmpty()) {
      throw new InvalidParameterException("No image specified");
    }
    ContainerSpec.Builder b = ContainerSpec.builder().image(image);
    name.ifPresent(b::name);
    List<String> cmd = stringList(body, "Cmd", "Config.Cmd");
    if (cmd != null) {
      b.command(cmd);
    }
    List<String> env = strictStringList(body, "Env", "Config.Env");
    if (env != null) {
      b.env(env);
    }
    b.labels(stringMap(body, "Labels", "Config.Labels"));
    b.tty(bool(body, "Tty", "Config.Tty"));
    b.openStdin(bool(body, "OpenStdin", "Config.OpenStdin"));
    String hostname = string(body, "Hostname", "Config.Hostname");
    if (hostname != null && !hostname.isEmpty()) {
      b.hostname(hostname);
    }
    String domainname = string(body, "Domainname", "Config.Domainname");
    if (domainname != null && !domainname.isEmpty()) {
      b.domainname(domainname);
    }
    JsonNode health = object(body, "Healthcheck", "Config.Healthcheck", "container.HealthConfig");
    if (health != null) {
      b.healthcheck(healthcheck(health));
    }
    JsonNode exposed = object(body, "ExposedPorts", "Config.ExposedPorts", "nat.PortSet");
    if (exposed != null) {
      for (Iterator<String> it = exposed.fieldNames(); it.hasNext(); ) {
        b.addExposedPort(ExposedPort.parse(it.next()));
      }
    }
    JsonNode host = object(body, "HostConfig", "CreateRequest.HostConfig", "container.HostConfig");
    String mode = string(host, "NetworkMode", "HostConfig.NetworkMode");
    NetworkMode networkMode = mode == null || mode.isEmpty() || mode.equals("default")
        ? NetworkMode.bridge() : NetworkMode.parse(mode);
    b.networkMode(networkMode);
    JsonNode bindings = object(host, "PortBindings", "HostConfig.PortBindings", "nat.PortMap");
    if (bindings != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = bindings.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ExposedPort port = ExposedPort.parse(e.getKey());
        JsonNode list = e.getValue();
        if (list.isNull()) {
          continue;
        }
        if (!list.isArray()) {
          throw mismatch(list, "HostConfig.PortBindings", "[]nat.PortBinding");
        }
        for (JsonNode one : list) {
          b.addPortBinding(portBinding(port, one));
        }
      }
    }
    b.publishAllPorts(bool(host, "PublishAllPorts", "HostConfig.PublishAllPorts"));
    b.autoRemove(bool(host, "AutoRemove", "HostConfig.AutoRemove"));
    List<String> links = stringList(host, "Links", "HostConfig.Links");
    if (links != null) {
      b.links(links);
    }
    List<String> extraHosts = stringList(host, "ExtraHosts", "HostConfig.ExtraHosts");
    if (extraHosts != null) {
      b.extraHosts(extraHosts);
    }
    List<String> dns = stringList(host, "Dns", "HostConfig.Dns");
    if (dns != null) {
      b.dns(dns);
    }
    JsonNode networking = object(body, "NetworkingConfig", "CreateRequest.NetworkingConfig", "network.NetworkingConfig");
    JsonNode endpoints = object(networking, "EndpointsConfig", "NetworkingConfig.EndpointsConfig",
        "map[string]*network.EndpointSettings");
    if (endpoints != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = endpoints.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String net = e.getKey().equals("default") ? "bridge" : e.getKey();
        JsonNode settings = e.getValue().isNull() ? null : e.getValue();
        b.putEndpoint(net, endpointSpec(settings, "NetworkingConfig.EndpointsConfig"));
      }
    }
    return b.build();
  }

  private static PortBinding portBinding(ExposedPort port, JsonNode one) {
    if (!one.isObject()) {
      throw mismatch(one, "HostConfig.PortBindings", "nat.PortBinding");
    }
    String ip = string(one, "HostIp", "PortBinding.HostIp");
    String hostPort = string(one, "HostPort", "PortBinding.HostPort");
    Optional<IpAddress> hostIp = ip == null || ip.isEmpty() ? Optional.empty()
        : Optional.of(IpAddress.tryParse(ip).orElseThrow(
            () -> new InvalidParameterException("invalid IP address: " + ip)));
    if (hostPort == null || hostPort.isEmpty()) {
      return PortBinding.of(port, hostIp, 0, 0);
    }
    int dash = hostPort.indexOf('-');
    try {
      int start = Integer.parseInt(dash < 0 ? hostPort : hostPort.substring(0, dash));
      int end = dash < 0 ? start : Integer.parseInt(hostPort.substring(dash + 1));
      return PortBinding.of(port, hostIp, start, end);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("invalid hostPort: " + hostPort, e);
    }
  }
}
