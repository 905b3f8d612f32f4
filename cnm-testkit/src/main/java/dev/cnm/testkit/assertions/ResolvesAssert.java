package dev.cnm.testkit.assertions;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.net.IpAddress;
import java.util.List;

/**
 * The middle of {@code resolves("db").from("web").to("172.18.0.3")}: a name to look up; {@link
 * #from} says in which container.
 *
 * <pre>{@code
 * assertThat(docker).resolves("db").from("web").to("172.18.0.3");
 * assertThat(docker).resolves("db").from("web").toAddressIn("172.18.0.0/16");
 * }</pre>
 */
public final class ResolvesAssert {
  private final EngineAssert engineAssert;
  private final Engine engine;
  private final String name;

  ResolvesAssert(EngineAssert engineAssert, Engine engine, String name) {
    this.engineAssert = engineAssert;
    this.engine = engine;
    this.name = name;
  }

  /**
   * The name resolves, in the running container {@code container}, through its embedded DNS
   * server ({@link Engine#resolve}), to at least one address; say which with {@link
   * ResolutionAssert#to}. The failure shows the names the container can resolve, network by
   * network.
   *
   * @param container the running container's name or id
   * @return assertions on the addresses the name resolved to
   */
  public ResolutionAssert from(String container) {
    ContainerInfo self;
    List<IpAddress> answers;
    try {
      self = engine.container(container);
      answers = engine.resolve(self.id(), name);
    } catch (CnmException e) {
      throw ResolutionAssert.failure("Expecting " + name + " to resolve from " + container + " but " + e.getMessage());
    }
    ResolutionAssert resolution = new ResolutionAssert(engineAssert, engine, name, self, answers);
    if (answers.isEmpty()) {
      throw ResolutionAssert.failure("Expecting " + name + " to resolve from " + self.name()
          + " but it does not resolve there; the names " + self.name() + " can resolve are "
          + Reachability.namesSeenBy(engine, self) + "\n" + Describe.container(self));
    }
    return resolution;
  }
}
