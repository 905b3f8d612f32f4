package dev.cnm.cli;


/** The short help texts. */
final class Usage {
  static final String TOP = String.join("\n",
      "",
      "Usage:  cnm [--state DIR] COMMAND",
      "",
      "Docker's commands over cnm's in-memory model of Docker networking; state is kept in",
      "DIR, else $CNM_STATE, else ~/.cnm ($CNM_SEED makes ids, names and times deterministic).",
      "",
      "Global options:",
      "  --state DIR               The state directory",
      "  --cluster-store URL       etcd://HOST:PORT[,HOST:PORT...]: the cluster's store, where global-scope",
      "                            (overlay) networks live, shared by every host on it ($CNM_CLUSTER_STORE)",
      "  --cluster-advertise NAME  This host's name in the cluster (default: the machine's host name;",
      "                            $CNM_CLUSTER_ADVERTISE)",
      "",
      "Commands:",
      "  tutorial    Replay the tutorial against a fresh in-memory engine",
      "  serve       Serve the state's engine over the Docker Engine API",
      "  run         Create and run a new container from an image",
      "  create      Create a new container",
      "  start       Start one or more stopped containers",
      "  stop        Stop one or more running containers",
      "  restart     Restart one or more containers",
      "  kill        Kill one or more running containers",
      "  rm          Remove one or more containers",
      "  rename      Rename a container",
      "  ps          List containers",
      "  inspect     Return low-level information on Docker objects",
      "  port        List port mappings or a specific mapping for the container",
      "  exec        Execute a command in a running container",
      "  logs        Fetch the logs of a container",
      "  wait        Block until one or more containers stop, then print their exit codes",
      "  events      Get real time events from the server",
      "  info        Display system-wide information",
      "  version     Show the Docker version information",
      "  images      List images",
      "  pull        Download an image from a registry",
      "  build       Build an image from a Dockerfile",
      "  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
      "  rmi         Remove one or more images",
      "  history     Show the history of an image",
      "  image       Manage images (build, history, inspect, ls, pull, rm, tag)",
      "  network     Manage networks (create, ls, inspect, rm, connect, disconnect, prune)",
      "  plugin      Docker plugins: list them (ls), test one without Docker (test)",
      "  cluster     The hosts of the cluster store (host ls, host rm NAME: forget a host gone for good)",
      "", "");

  private Usage() {}

  /** The usage text {@code --help} prints for {@code command} (a command's name in its group). */
  static String of(String command) {
    if (command.equals("network")) {
      return String.join("\n", "", "Usage:  cnm network COMMAND", "", "Manage networks", "",
          "Commands:",
          "  connect     Connect a container to a network",
          "  create      Create a network",
          "  disconnect  Disconnect a container from a network",
          "  inspect     Display detailed information on one or more networks",
          "  ls          List networks",
          "  prune       Remove all unused networks",
          "  rm          Remove one or more networks", "", "");
    }
    if (command.equals("image")) {
      return String.join("\n", "", "Usage:  cnm image COMMAND", "", "Manage images", "",
          "Commands:",
          "  build       Build an image from a Dockerfile",
          "  history     Show the history of an image",
          "  inspect     Display detailed information on one or more images",
          "  ls          List images",
          "  pull        Download an image from a registry",
          "  rm          Remove one or more images",
          "  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", "", "");
    }
    return TOP;
  }
}
