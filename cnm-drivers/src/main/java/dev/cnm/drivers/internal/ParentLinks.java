package dev.cnm.drivers.internal;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.net.MacAddress;
import java.util.random.RandomGenerator;

/**
 * The parent links of macvlan and ipvlan networks on the host model, as libnetwork's {@code
 * macvlan_setup.go} and {@code ipvlan_setup.go} handle them: a parent that exists is used as it
 * is; a missing {@code name.vlan_id} parent is created as a VLAN sub-interface of {@code name}; a
 * network without a parent gets a dummy link {@code <prefix><id12>}. Links the driver created are
 * deleted again when their last network goes. Errors carry libnetwork's messages.
 *
 * <pre>{@code
 * ParentLinks links = new ParentLinks(context.interfaces(), "dm-");
 * links.exists("eth0.10");        // false
 * links.createVlan("eth0.10");    // eth0.10@eth0, VLAN 10
 * links.deleteVlan("eth0.10");
 * }</pre>
 */
public final class ParentLinks {
  /** Length of the network id in a dummy parent's name ({@code dummyIDLength}). */
  private static final int DUMMY_ID_LENGTH = 12;

  private final HostInterfaces interfaces;
  private final String dummyPrefix;

  /** Parent links on {@code interfaces}; {@code dummyPrefix} is {@code dm-} (macvlan) or {@code di-} (ipvlan). */
  public ParentLinks(HostInterfaces interfaces, String dummyPrefix) {
    this.interfaces = requireNonNull(interfaces, "interfaces");
    this.dummyPrefix = requireNonNull(dummyPrefix, "dummyPrefix");
  }

  /** The dummy parent's name for network {@code networkId}: the prefix and the id's first 12 characters. */
  public String dummyName(String networkId) {
    return dummyPrefix + (networkId.length() > DUMMY_ID_LENGTH ? networkId.substring(0, DUMMY_ID_LENGTH) : networkId);
  }

  /** Whether the host has an interface {@code name} ({@code parentExists}). */
  public boolean exists(String name) {
    return interfaces.get(name).isPresent();
  }

  /** The host interface {@code name}, which must exist. */
  public HostInterface get(String name) {
    return interfaces.get(name).orElseThrow(() -> new SystemException(
        "the requested parent interface " + name + " was not found on the Docker host"));
  }

  /** Creates the dummy parent {@code name} with a random MAC, as the kernel gives a new dummy link one. */
  public void createDummy(String name, RandomGenerator random) {
    interfaces.addDummy(name, MacAddress.randomLocallyAdministered(random));
  }

  /** Deletes a dummy parent; one that is gone or is no dummy is left alone, as libnetwork only logs that. */
  public void deleteDummy(String name) {
    interfaces.get(name).filter(i -> i.kind() == HostInterface.Kind.DUMMY).ifPresent(i -> interfaces.removeLink(name));
  }

  /**
   * Creates the VLAN sub-interface {@code parent} ({@code createVlanLink}).
   *
   * @throws SystemException {@code invalid subinterface vlan name <p>, example formatting is
   *     eth0.10} for a name without a dot; {@code -o parent interface was not found on the host:
   *     <link>}; {@code vlan id must be between 1-4094, received: <id>}; and the other {@code
   *     parseVlan} errors
   */
  public void createVlan(String parent) {
    if (!parent.contains(".")) {
      throw new SystemException("invalid subinterface vlan name " + parent + ", example formatting is eth0.10");
    }
    Vlan vlan = parseVlan(parent);
    if (vlan.id > 4094 || vlan.id < 1) {
      throw new SystemException("vlan id must be between 1-4094, received: " + vlan.id);
    }
    if (parent.length() > 15 || parent.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
      // the kernel's dev_valid_name
      throw new SystemException("failed to create " + parent + " vlan link: invalid argument");
    }
    interfaces.addVlan(parent, vlan.link, (int) vlan.id);
  }

  /**
   * Deletes the VLAN sub-interface {@code parent} ({@code delVlanLink}): only a name of the {@code
   * link.vlan_id} form whose link exists, and only a VLAN (never a parent device the user named).
   */
  public void deleteVlan(String parent) {
    if (!parent.contains(".")) {
      return;
    }
    try {
      parseVlan(parent);
    } catch (SystemException e) {
      return; // libnetwork logs the error and carries on with the delete
    }
    interfaces.get(parent).filter(i -> i.kind() == HostInterface.Kind.VLAN).ifPresent(i -> interfaces.removeLink(parent));
  }

  /** A parsed {@code link.vlan_id}. */
  private static final class Vlan {
    final String link;
    final long id;

    Vlan(String link, long id) {
      this.link = link;
      this.id = id;
    }
  }

  /** libnetwork's {@code parseVlan}: {@code eth0.10} into {@code eth0} and 10, the link checked to exist. */
  private Vlan parseVlan(String name) {
    String[] split = name.split("\\.", -1);
    if (split.length != 2) {
      throw new SystemException("required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead "
          + "received " + name);
    }
    long id;
    try {
      id = goAtoi(split[1]);
    } catch (NumberFormatException e) {
      throw new SystemException("unable to parse a valid vlan id from: " + split[1] + " (ex. eth0.10 for vlan 10)");
    }
    if (!exists(split[0])) {
      throw new SystemException("-o parent interface was not found on the host: " + split[0]);
    }
    return new Vlan(split[0], id);
  }

  /** Go's {@code strconv.Atoi}: an optional sign and decimal digits within 64 bits. */
  private static long goAtoi(String s) {
    String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException(s);
    }
    return Long.parseLong(s.startsWith("+") ? digits : s);
  }
}
