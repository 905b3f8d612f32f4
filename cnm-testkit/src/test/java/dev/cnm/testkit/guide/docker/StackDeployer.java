package dev.cnm.testkit.guide.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Orchestration code as a team writes it against docker-java, nothing of cnm in it: deploys a
 * stack (networks, then services in order, each started and waited for until healthy) and on any
 * failure removes everything it created, newest first, before it rethrows.
 */
public final class StackDeployer {
  /** How the deployer waits between health polls; {@code Thread::sleep} in production. */
  public interface Sleeper {
    /**
     * Waits {@code duration}.
     *
     * @param duration how long
     * @throws InterruptedException when interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * One service: a container of {@code image} named {@code stack-name}, on {@code networks} (the
   * first is its network mode) with its name as alias, exposing {@code ports} (container port to
   * host port, 0 for not published).
   */
  public record Service(String name, String image, List<String> networks, Map<Integer, Integer> ports) {}

  /** A stack: its networks and its services, started in order. */
  public record Stack(String name, List<String> networks, List<Service> services) {}

  /** A deployment that failed; everything it had created is removed. */
  public static final class DeploymentFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeploymentFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Duration POLL = Duration.ofSeconds(1);

  private final DockerClient docker;
  private final Sleeper sleeper;
  private final Duration healthTimeout;

  /**
   * A deployer.
   *
   * @param docker the client
   * @param sleeper how to wait between polls
   * @param healthTimeout how long a service may take to get healthy
   */
  public StackDeployer(DockerClient docker, Sleeper sleeper, Duration healthTimeout) {
    this.docker = docker;
    this.sleeper = sleeper;
    this.healthTimeout = healthTimeout;
  }

  /**
   * Deploys {@code stack}.
   *
   * @param stack the stack
   * @return the ids of the containers started, in order
   * @throws DeploymentFailed when a step fails or a service does not get healthy; nothing is left
   */
  public List<String> deploy(Stack stack) {
    Deque<Runnable> undo = new ArrayDeque<>();
    List<String> started = new ArrayList<>();
    try {
      for (String network : stack.networks()) {
        String id = docker.createNetworkCmd().withName(stack.name() + "-" + network)
            .withLabels(Map.of("stack", stack.name())).exec().getId();
        undo.push(() -> docker.removeNetworkCmd(id).exec());
      }
      for (Service s : stack.services()) {
        String id = create(stack, s).exec().getId();
        undo.push(() -> docker.removeContainerCmd(id).withForce(true).exec());
        for (String extra : s.networks().subList(1, s.networks().size())) {
          docker.connectToNetworkCmd().withNetworkId(stack.name() + "-" + extra).withContainerId(id)
              .withContainerNetwork(new ContainerNetwork().withAliases(s.name())).exec();
        }
        docker.startContainerCmd(id).exec();
        awaitHealthy(s, id);
        started.add(id);
      }
      return started;
    } catch (RuntimeException | InterruptedException e) {
      while (!undo.isEmpty()) {
        try {
          undo.pop().run();
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new DeploymentFailed("deploying " + stack.name() + " failed: " + e.getMessage(), e);
    }
  }

  private CreateContainerCmd create(Stack stack, Service s) {
    Ports bindings = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    s.ports().forEach((port, hostPort) -> {
      exposed.add(ExposedPort.tcp(port));
      if (hostPort != 0) {
        bindings.bind(ExposedPort.tcp(port), Ports.Binding.bindPort(hostPort));
      }
    });
    return docker.createContainerCmd(s.image()).withName(stack.name() + "-" + s.name())
        .withLabels(Map.of("stack", stack.name()))
        .withExposedPorts(exposed)
        .withHostConfig(HostConfig.newHostConfig()
            .withNetworkMode(stack.name() + "-" + s.networks().get(0))
            .withPortBindings(bindings))
        .withAliases(s.name())
        .withHealthcheck(new HealthCheck().withTest(List.of("CMD-SHELL", "healthcheck"))
            .withInterval(POLL.toNanos()).withRetries(3));
  }

  private void awaitHealthy(Service s, String id) throws InterruptedException {
    for (Duration waited = Duration.ZERO; ; waited = waited.plus(POLL)) {
      InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
      if (!Boolean.TRUE.equals(state.getRunning())) {
        throw new IllegalStateException(s.name() + " exited with " + state.getExitCodeLong()
            + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (OOMKilled)" : ""));
      }
      String health = state.getHealth() == null ? "none" : state.getHealth().getStatus();
      if (health.equals("healthy")) {
        return;
      }
      if (health.equals("unhealthy") || waited.compareTo(healthTimeout) >= 0) {
        throw new IllegalStateException(s.name() + " is " + health + " after " + waited.toSeconds() + "s");
      }
      sleeper.sleep(POLL);
    }
  }
}
