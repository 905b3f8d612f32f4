package dev.cnm.cli;

import static dev.cnm.cli.Harness.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandsTest {
  private Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness();
  }

  // ---- containers ------------------------------------------------------------------------------

  @Test
  void run_detached_prints_the_full_id_and_create_prints_it_too() {
    String id = h.ok("run -d --name web nginx").strip();
    assertThat(id).matches("[0-9a-f]{64}").isEqualTo(h.engine.container("web").id());
    assertThat(h.engine.container("web").isRunning()).isTrue();
    String created = h.ok("create --name=db redis").strip();
    assertThat(created).isEqualTo(h.engine.container("db").id());
    assertThat(h.engine.container("db").isRunning()).isFalse();
  }

  @Test
  void name_conflict_fails_run_with125_and_dockers_wording() {
    String id = h.ok("run -d --name ticktock jpetazzo/clock").strip();
    assertResult(h.run("run --name ticktock jpetazzo/clock"), 125, "",
        "cnm: Error response from daemon: Conflict. The container name \"/ticktock\" is already in use by container \""
            + id + "\". You have to remove (or rename) that container to be able to reuse that name.\n\n"
            + "Run 'cnm run --help' for more information\n");
    assertResult(h.run("create --name ticktock jpetazzo/clock"), 125, "",
        "cnm: Error response from daemon: Conflict. The container name \"/ticktock\" is already in use by container \""
            + id + "\". You have to remove (or rename) that container to be able to reuse that name.\n\n"
            + "Run 'cnm create --help' for more information\n");
  }

  @Test
  void rename_then_reuse_the_name() {
    h.ok("run -d --name ticktock jpetazzo/clock");
    assertResult(h.run("rename ticktock oldticktock"), 0, "", "");
    h.ok("run -d --name ticktock jpetazzo/clock");
    assertThat(h.engine.containers()).hasSize(2);
    assertResult(h.run("rename ticktock oldticktock"), 1, "",
        "Error response from daemon: Error when allocating new name: Conflict. The container name \"/oldticktock\" is "
            + "already in use by container \"" + h.engine.container("oldticktock").id()
            + "\". You have to remove (or rename) that container to be able to reuse that name.\n"
            + "Error: failed to rename container named ticktock\n");
    assertResult(h.run("rename ticktock ticktock"), 1, "",
        "Error response from daemon: Renaming a container with the same name as its current name\n"
            + "Error: failed to rename container named ticktock\n");
  }

  @Test
  void inspect_with_templates() {
    h.ok("run -d --name ticktock jpetazzo/clock");
    assertResult(h.run("inspect --format '{{json .State.Running}}' ticktock"), 0, "true\n", "");
    assertResult(h.run("inspect -f '{{.Name}}' ticktock"), 0, "/ticktock\n", "");
    h.ok("stop ticktock");
    assertResult(h.run("inspect --format='{{json .State.Running}}' ticktock"), 0, "false\n", "");
  }

  @Test
  void inspect_without_type_tries_containers_then_networks() {
    h.ok("network create dev");
    h.ok("run -d --name web nginx");
    String both = h.ok("inspect web dev");
    assertThat(both).startsWith("[\n    {\n        \"Id\": \"" + h.engine.container("web").id() + "\",");
    assertThat(both).contains("\"Name\": \"dev\",").endsWith("}\n]\n");
    assertResult(h.run("inspect -f '{{.Name}}' web nosuch dev"), 1, "/web\ndev\n", "Error: No such object: nosuch\n");
    assertResult(h.run("inspect nosuch"), 1, "[]\n", "Error: No such object: nosuch\n");
    assertResult(h.run("inspect --type network -f '{{.Name}}' dev"), 0, "dev\n", "");
    assertResult(h.run("inspect --type container dev"), 1, "[]\n", "Error response from daemon: No such container: dev\n");
    assertResult(h.run("inspect --type network web"), 1, "[]\n", "Error response from daemon: network web not found\n");
    assertResult(h.run("inspect --type bogus web"), 1, "", "\"bogus\" is not a valid value for --type\n");
  }

  @Test
  void template_errors() {
    h.ok("run -d --name web nginx");
    assertResult(h.run("inspect -f '{{.Name' web"), 64, "", "template parsing error: template: :1: unclosed action\n");
    assertResult(h.run("ps --format '{{.Foo'"), 64, "", "template parsing error: template: :1: unclosed action\n");
    assertResult(h.run("network ls --format '{{.Foo'"), 64, "", "template parsing error: template: :1: unclosed action\n");
  }

  @Test
  void port_publishing() {
    String id = h.ok("run -d -P nginx").strip();
    assertResult(h.run("port " + id.substring(0, 12) + " 80"), 0, "0.0.0.0:32768\n[::]:32768\n", "");
    assertResult(h.run("port " + id + " 80/tcp"), 0, "0.0.0.0:32768\n[::]:32768\n", "");
    h.ok("run -d --name web -p 8080:80 -p 127.0.0.1:5353:53/udp nginx");
    assertResult(h.run("port web"), 0,
        "53/udp -> 127.0.0.1:5353\n80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n", "");
    assertResult(h.run("port web 53/udp"), 0, "127.0.0.1:5353\n", "");
    assertResult(h.run("port web 81"), 1, "", "Error: No public port '81' published for web\n");
    assertResult(h.run("port web abc"), 1, "",
        "Error: invalid port (abc): strconv.ParseUint: parsing \"abc\": invalid syntax\n");
    h.ok("stop web");
    assertResult(h.run("port web 80"), 0, "", "");
    assertResult(h.run("port web"), 0, "", "");
    assertResult(h.run("port nosuch"), 1, "", "Error response from daemon: No such container: nosuch\n");
  }

  @Test
  void port_conflict_as_docker_reports_it() {
    h.ok("run -d -p 80:80 nginx");
    h.ok("run -d -p 8080:80 nginx");
    Harness.Result r = h.run("run -d -p 8080:80 -p 8888:80 nginx");
    assertThat(r.rc()).isEqualTo(125);
    assertThat(r.out()).matches("[0-9a-f]{64}\n");
    String id = r.out().strip();
    String name = h.engine.container(id).name();
    assertThat(r.err()).matches("cnm: Error response from daemon: failed to set up container networking: driver failed "
        + "programming external connectivity on endpoint " + name + " \\([0-9a-f]{64}\\): Bind for 0.0.0.0:8080 failed: "
        + "port is already allocated\n\nRun 'cnm run --help' for more information\n");
    assertThat(h.engine.container(id).isRunning()).isFalse();
  }

  @Test
  void start_stop_restart_rm_echo_names() {
    h.ok("create --name web nginx");
    assertResult(h.run("start web"), 0, "web\n", "");
    assertResult(h.run("restart web"), 0, "web\n", "");
    assertResult(h.run("stop web"), 0, "web\n", "");
    assertResult(h.run("rm web"), 0, "web\n", "");
    assertResult(h.run("start nosuch"), 1, "",
        "Error response from daemon: No such container: nosuch\nError: failed to start containers: nosuch\n");
    assertResult(h.run("stop nosuch"), 1, "", "Error response from daemon: No such container: nosuch\n");
    assertResult(h.run("restart nosuch"), 1, "", "Error response from daemon: No such container: nosuch\n");
    assertResult(h.run("rm nosuch"), 1, "", "Error response from daemon: No such container: nosuch\n");
  }

  @Test
  void rm_running_needs_force() {
    h.ok("run -d --name tocktick nginx");
    assertResult(h.run("rm tocktick"), 1, "", "Error response from daemon: cannot remove container \"/tocktick\": "
        + "container is running: stop the container before removing or force remove\n");
    assertResult(h.run("rm -f tocktick"), 0, "tocktick\n", "");
    assertThat(h.engine.containers()).isEmpty();
  }

  @Test
  void ps_tables() {
    h.ok("run -d --name web -p 8080:80 nginx");
    h.ok("create --name db redis");
    String table = h.ok("ps");
    assertThat(table.lines().toList()).hasSize(2);
    assertThat(table).startsWith("CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS  ");
    assertThat(table).contains(h.engine.container("web").shortId() + "   nginx     \"/docker-entrypoint.…\"   ")
        .contains("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web\n");
    assertThat(h.ok("ps -a").lines().toList()).hasSize(3);
    assertThat(h.ok("ps -l -q")).isEqualTo(h.engine.container("db").shortId() + "\n");
    assertThat(h.ok("ps -n 2 --format '{{.Names}}'")).isEqualTo("db\nweb\n");
    assertThat(h.run("ps -n x").rc()).isEqualTo(125);
    assertThat(h.ok("ps -a -q")).isEqualTo(h.engine.container("db").shortId() + "\n"
        + h.engine.container("web").shortId() + "\n");
    assertThat(h.ok("ps -aq --no-trunc")).isEqualTo(h.engine.container("db").id() + "\n"
        + h.engine.container("web").id() + "\n");
    assertThat(h.ok("ps -a --format '{{.Names}} {{.State}}'")).isEqualTo("db created\nweb running\n");
    assertThat(h.ok("ps -a --filter status=created --format '{{.Names}}'")).isEqualTo("db\n");
    assertThat(h.ok("ps --filter publish=8080 --format '{{.Names}}'")).isEqualTo("web\n");
    assertThat(h.ok("ps --filter name=we --format '{{.Names}}'")).isEqualTo("web\n");
    assertThat(h.ok("ps --filter name=nosuch --format '{{.Names}}'")).isEqualTo("");
    assertResult(h.run("ps --filter foo=bar"), 1, "", "Error response from daemon: invalid filter 'foo'\n");
    assertResult(h.run("ps --filter foo"), 125, "",
        "invalid argument \"foo\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n"
            + "See 'cnm ps --help'.\n");
  }

  @Test
  void ps_filters_by_network_and_label() {
    h.ok("network create dev");
    h.ok("run -d --name aa --net dev -l env=prod nginx");
    h.ok("run -d --name bb nginx");
    assertThat(h.ok("ps --filter network=dev --format '{{.Names}}'")).isEqualTo("aa\n");
    assertThat(h.ok("ps --filter label=env=prod --format '{{.Names}}'")).isEqualTo("aa\n");
    assertThat(h.ok("ps --filter label=env --format '{{.Names}}\t{{.Networks}}'")).isEqualTo("aa\tdev\n");
  }

  @Test
  void run_with_a_command_prints_its_output_and_exits() {
    Harness.Result r = h.run("run --rm --name tmp -e FOO=bar alpine env");
    assertThat(r.rc()).isEqualTo(0);
    assertThat(r.out()).contains("FOO=bar\n").contains("HOSTNAME=");
    assertThat(h.engine.containers()).isEmpty();
    assertThat(h.run("run --name once alpine false").rc()).isEqualTo(1);
    assertThat(h.ok("run -d --name bg alpine echo hi")).matches("[0-9a-f]{64}\n");
    assertThat(h.engine.container("bg").isRunning()).isFalse();
    assertThat(h.engine.container("once").isRunning()).isFalse();
  }

  @Test
  void exec_in_a_running_container() {
    h.ok("run -d --name web -h webhost nginx");
    assertResult(h.run("exec web hostname"), 0, "webhost\n", "");
    assertResult(h.run("exec -it web echo hi there"), 0, "hi there\n", "");
    assertResult(h.run("exec nosuch env"), 1, "", "Error response from daemon: No such container: nosuch\n");
    h.ok("stop web");
    assertResult(h.run("exec web env"), 1, "",
        "Error response from daemon: container " + h.engine.container("web").id() + " is not running\n");
    assertThat(h.run("exec web").rc()).isEqualTo(1);
    h.ok("start web");
    assertResult(h.run("exec web bogus"), 127, "", "sh: bogus: not found\n");
    assertThat(h.ok("exec web cat /etc/hosts")).contains("\twebhost\n");
  }

  static Stream<Arguments> clientErrors() {
    return Stream.of(
        Arguments.of("run", 1, "cnm: 'cnm run' requires at least 1 argument\n\n"
            + "Usage:  cnm run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'cnm run --help' for more information\n"),
        Arguments.of("create", 1, "cnm: 'cnm create' requires at least 1 argument\n\n"
            + "Usage:  cnm create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'cnm create --help' for more information\n"),
        Arguments.of("run --foo nginx", 125, "unknown flag: --foo\nSee 'cnm run --help'.\n"),
        Arguments.of("run -Z nginx", 125, "unknown shorthand flag: 'Z' in -Z\nSee 'cnm run --help'.\n"),
        Arguments.of("run --name", 125, "flag needs an argument: --name\nSee 'cnm run --help'.\n"),
        Arguments.of("run --net-alias x nginx", 125,
            "cnm: network-scoped aliases are only supported for user-defined networks\n\n"
                + "Run 'cnm run --help' for more information\n"),
        Arguments.of("run --net bridge --net dev nginx", 125,
            "cnm: conflicting options: cannot attach both user-defined and non-user-defined network-modes\n\n"
                + "Run 'cnm run --help' for more information\n"),
        Arguments.of("rename a", 1, "cnm: 'cnm rename' requires 2 arguments\n\n"
            + "Usage:  cnm rename CONTAINER NEW_NAME\n\nRun 'cnm rename --help' for more information\n"),
        Arguments.of("stop", 1, "cnm: 'cnm stop' requires at least 1 argument\n\n"
            + "Usage:  cnm stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'cnm stop --help' for more information\n"),
        Arguments.of("network create", 1, "cnm: 'cnm network create' requires 1 argument\n\n"
            + "Usage:  cnm network create [OPTIONS] NETWORK\n\nRun 'cnm network create --help' for more information\n"),
        Arguments.of("network ls --bogus", 125, "unknown flag: --bogus\nSee 'cnm network ls --help'.\n"),
        Arguments.of("network create --gateway 10.0.0.1 x", 1,
            "every ip-range or gateway must have a corresponding subnet\n"),
        // issue 17: the docker CLI's own validations, word for word (docker/cli 28.2.2)
        Arguments.of("run --add-host x:notanip nginx", 125, "invalid argument \"x:notanip\" for \"--add-host\" flag: "
            + "invalid IP address in add-host: \"notanip\"\nSee 'cnm run --help'.\n"),
        Arguments.of("run --add-host noip nginx", 125, "invalid argument \"noip\" for \"--add-host\" flag: "
            + "bad format for add-host: \"noip\"\nSee 'cnm run --help'.\n"),
        Arguments.of("create --add-host =1.2.3.4 nginx", 125, "invalid argument \"=1.2.3.4\" for \"--add-host\" flag: "
            + "bad format for add-host: \"=1.2.3.4\"\nSee 'cnm create --help'.\n"),
        Arguments.of("run --dns notanip nginx", 125, "invalid argument \"notanip\" for \"--dns\" flag: "
            + "IP address is not correctly formatted: notanip\nSee 'cnm run --help'.\n"),
        Arguments.of("run UPPER", 125, "cnm: invalid reference format: repository name (library/UPPER) must be "
            + "lowercase\n\nRun 'cnm run --help' for more information\n"),
        Arguments.of("run :", 125, "cnm: invalid reference format\n\nRun 'cnm run --help' for more information\n"),
        Arguments.of("run ''", 125, "cnm: invalid reference format\n\nRun 'cnm run --help' for more information\n"),
        Arguments.of("create ''", 125, "cnm: invalid reference format\n\nRun 'cnm create --help' for more information\n"),
        Arguments.of("create nginx:-bad", 125, "cnm: invalid reference format\n\nRun 'cnm create --help' for more information\n"),
        Arguments.of("create Registry.Example.com/UP:1", 125, "cnm: invalid reference format: repository name (UP) must "
            + "be lowercase\n\nRun 'cnm create --help' for more information\n"),
        Arguments.of("network create --subnet foo x", 1, "Error response from daemon: invalid network config:\n"
            + "invalid subnet foo: invalid CIDR block notation\n"),
        Arguments.of("network create --subnet 10.0.0.0/24 --subnet foo x", 1,
            "invalid subnet: invalid CIDR address: foo\n"),
        Arguments.of("network create --subnet 10.0.0.0/33 --gateway 10.0.0.1 x", 1,
            "invalid subnet: invalid CIDR address: 10.0.0.0/33\n"),
        Arguments.of("network create --subnet 10.0.0.0/24 --subnet 10.0.0.0/16 x", 1,
            "multiple overlapping subnet configuration is not supported\n"),
        Arguments.of("network create --subnet 10.0.0.0/24 --ip-range foo x", 1, "invalid CIDR address: foo\n"),
        Arguments.of("network create --subnet 10.0.0.0/24 --gateway foo x", 1, "no matching subnet for gateway foo\n"),
        Arguments.of("network create --aux-address a=10.0.0.5 x", 1, "no matching subnet for aux-address 10.0.0.5\n"),
        Arguments.of("network create --subnet 10.0.0.0/24 --subnet 10.1.0.0/24 --ip-range 10.0.0.0/25 "
            + "--ip-range 10.0.0.128/25 x", 1,
            "cannot configure multiple ranges (10.0.0.128/25, 10.0.0.0/25) on the same subnet (10.0.0.0/24)\n"),
        Arguments.of("network create --subnet 10.0.0.0/24 --gateway 10.9.0.1 x", 1,
            "no matching subnet for gateway 10.9.0.1\n"),
        Arguments.of("bogus", 1, "cnm: unknown command: cnm bogus\n\nRun 'cnm --help' for more information\n"),
        Arguments.of("network connect --gw-priority x dev web", 125,
            "invalid argument \"x\" for \"--gw-priority\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n"
                + "See 'cnm network connect --help'.\n"),
        Arguments.of("network bogus", 1,
            "cnm: unknown command: cnm network bogus\n\nRun 'cnm network --help' for more information\n"));
  }

  @ParameterizedTest
  @MethodSource("clientErrors")
  void client_side_errors(String line, int rc, String err) {
    assertResult(h.run(line), rc, "", err);
    assertThat(h.engine.containers()).isEmpty();
    assertThat(h.engine.networks()).hasSize(3);
  }

  /** docker/cli's ValidateExtraHost hands the daemon name:ip, whichever separator and brackets were given. */
  @Test
  void add_host_values_reach_the_daemon_as_name_colon_ip() {
    h.ok("run -d --name hosts --add-host db=10.0.0.5 --add-host 'v6:[::1]' --add-host gw:host-gateway "
        + "--dns 8.8.8.8 nginx");
    assertThat(h.ok("inspect -f '{{json .HostConfig.ExtraHosts}}' hosts"))
        .isEqualTo("[\"db:10.0.0.5\",\"v6:::1\",\"gw:host-gateway\"]\n");
  }

  // ---- networks --------------------------------------------------------------------------------

  @Test
  void network_create_ls_rm() {
    String id = h.ok("network create dev").strip();
    assertThat(id).matches("[0-9a-f]{64}").isEqualTo(h.engine.network("dev").id());
    h.ok("network create -d bridge --subnet 10.10.0.0/24 --gateway 10.10.0.254 --ip-range 10.10.0.128/25 "
        + "--aux-address a=10.10.0.5 --label env=prod -o com.docker.network.bridge.name=br-prod --internal "
        + "--attachable prod");
    assertThat(h.ok("network ls")).isEqualTo("NETWORK ID     NAME      DRIVER    SCOPE\n"
        + h.engine.network("bridge").shortId() + "   bridge    bridge    local\n"
        + h.engine.network("dev").shortId() + "   dev       bridge    local\n"
        + h.engine.network("host").shortId() + "   host      host      local\n"
        + h.engine.network("none").shortId() + "   none      null      local\n"
        + h.engine.network("prod").shortId() + "   prod      bridge    local\n");
    assertThat(h.ok("network inspect -f '{{json .IPAM.Config}} {{.Internal}} {{.Attachable}} {{json .Labels}}' prod"))
        .isEqualTo("[{\"AuxiliaryAddresses\":{\"a\":\"10.10.0.5\"},\"Gateway\":\"10.10.0.254\","
            + "\"IPRange\":\"10.10.0.128/25\",\"Subnet\":\"10.10.0.0/24\"}] true true {\"env\":\"prod\"}\n");
    assertThat(h.ok("network ls -q --filter type=custom")).isEqualTo(
        h.engine.network("dev").shortId() + "\n" + h.engine.network("prod").shortId() + "\n");
    assertThat(h.ok("network ls --no-trunc -q --filter name=dev")).isEqualTo(id + "\n");
    assertThat(h.ok("network ls --filter label=env=prod --format '{{.Name}}'")).isEqualTo("prod\n");
    assertThat(h.ok("network ls --filter driver=null --format '{{.Name}}'")).isEqualTo("none\n");
    assertThat(h.ok("network ls --filter dangling=true --format '{{.Name}}'")).isEqualTo("dev\nprod\n");
    assertResult(h.run("network rm dev prod"), 0, "dev\nprod\n", "");
    assertThat(h.engine.networks()).hasSize(3);
  }

  @Test
  void network_errors() {
    h.ok("network create dev");
    assertResult(h.run("network create dev"), 1, "", "Error response from daemon: network with name dev already exists\n");
    assertResult(h.run("network create bridge"), 1, "",
        "Error response from daemon: bridge is a pre-defined network and cannot be created\n");
    assertResult(h.run("network rm bridge"), 1, "",
        "Error response from daemon: bridge is a pre-defined network and cannot be removed\nexit status 1\n");
    assertResult(h.run("network rm nosuch"), 1, "", "Error response from daemon: network nosuch not found\nexit status 1\n");
    assertResult(h.run("network rm -f nosuch"), 0, "", "");
    assertResult(h.run("network inspect nosuch"), 1, "[]\n", "Error response from daemon: network nosuch not found\n");
    assertResult(h.run("network ls --filter type=x"), 1, "", "Error response from daemon: invalid filter: 'type'='x'\n");
    assertResult(h.run("network ls --filter dangling=maybe"), 1, "", "Error response from daemon: invalid value for "
        + "filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")\n");
    assertResult(h.run("network ls --filter dangling=1 --filter dangling=0"), 1, "",
        "Error response from daemon: got more than one value for filter key \"dangling\"\n");
    assertResult(h.run("network ls --filter bogus=1"), 1, "", "Error response from daemon: invalid filter 'bogus'\n");
    h.ok("run -d --name web --net dev nginx");
    Harness.Result r = h.run("network rm dev");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error response from daemon: error while removing network: network dev has active "
        + "endpoints (name:\"web\" id:\"" + h.engine.container("web").endpoint("dev").orElseThrow().id().substring(0, 12)
        + "\")\nexit status 1\n");
  }

  @Test
  void network_connect_disconnect_prune() {
    h.ok("network create --subnet 172.18.0.0/16 dev");
    h.ok("network create unused");
    h.ok("run -d --name web nginx");
    assertResult(h.run("network connect --alias www --ip 172.18.0.50 dev web"), 0, "", "");
    assertThat(h.ok("inspect -f '{{.NetworkSettings.Networks.dev.IPAddress}} {{json .NetworkSettings.Networks.dev.Aliases}}' web"))
        .isEqualTo("172.18.0.50 [\"www\"]\n");
    assertResult(h.run("network connect dev web"), 1, "",
        "Error response from daemon: endpoint with name web already exists in network dev\n");
    assertResult(h.run("network disconnect dev web"), 0, "", "");
    assertResult(h.run("network disconnect dev web"), 1, "", "Error response from daemon: container "
        + h.engine.container("web").id() + " is not connected to network dev\n");
    assertResult(h.run("network disconnect -f dev nosuch"), 1, "",
        "Error response from daemon: No such container: nosuch\n");
    h.ok("run -d --name user --net dev nginx");
    assertResult(h.run("network prune -f"), 0, "Deleted Networks:\nunused\n\n", "");
    assertResult(h.run("network prune -f"), 0, "", "");
    assertThat(h.engine.findNetwork("dev")).isPresent();
  }

  @Test
  void network_prune_keeps_what_its_filters_leave_out_and_reads_them_before_the_prompt() {
    h.ok("network create --label temp a");
    h.ok("network create b");
    assertResult(h.run("network prune -f --filter label=temp"), 0, "Deleted Networks:\na\n\n", "");
    assertThat(h.engine.findNetwork("b")).isPresent();
    assertResult(h.run("network prune --filter label"), 125, "",
        "invalid argument \"label\" for \"--filter\" flag: bad format of filter (expected name=value)\n"
            + "See 'cnm network prune --help'.\n");
    assertResult(h.run("network prune -f --filter until=notatime"), 1, "",
        "Error response from daemon: failed to parse value as time or duration: \"notatime\"\n");
    assertThat(h.engine.findNetwork("b")).isPresent();
  }

  @Test
  void aliases_and_multiple_networks() {
    h.ok("network create --subnet 172.18.0.0/16 dev");
    h.ok("network create prod");
    h.ok("run -d --name search --net dev elasticsearch");
    h.ok("run -d --name s2 --net prod --net-alias search --network dev elasticsearch");
    assertThat(h.ok("inspect -f '{{json .NetworkSettings.Networks.prod.Aliases}} {{.HostConfig.NetworkMode}}' s2"))
        .isEqualTo("[\"search\"] prod\n");
    assertThat(h.ok("inspect -f '{{len .NetworkSettings.Networks}}' s2")).isEqualTo("2\n");
    h.ok("run -d --name fixed --net dev --ip 172.18.0.99 --mac-address 02:42:ac:11:00:99 nginx");
    assertThat(h.ok("inspect -f '{{.NetworkSettings.Networks.dev.IPAddress}} {{.NetworkSettings.Networks.dev.MacAddress}}' fixed"))
        .isEqualTo("172.18.0.99 02:42:ac:11:00:99\n");
  }

  @Test
  void network_modes() {
    h.ok("run -d --name web nginx");
    h.ok("run -dt --name nn --net none alpine");
    h.ok("run -d --name hst --net host nginx");
    h.ok("run -dt --name side --net container:web alpine");
    assertThat(h.ok("inspect -f '{{.HostConfig.NetworkMode}}' web nn hst side"))
        .isEqualTo("bridge\nnone\nhost\ncontainer:web\n");
  }

  @Test
  void help_and_mutation_classification() {
    assertThat(h.ok("--help")).contains("Usage:  cnm [--state DIR] COMMAND");
    assertThat(h.ok("network --help")).contains("Usage:  cnm network COMMAND");
    assertThat(Commands.mutates(Tutorial.split("network ls"))).isFalse();
    assertThat(Commands.mutates(Tutorial.split("ps -a"))).isFalse();
    assertThat(Commands.mutates(Tutorial.split("network create x"))).isTrue();
    assertThat(Commands.mutates(Tutorial.split("container rm x"))).isTrue();
    assertThat(Commands.mutates(Tutorial.split("container ls"))).isFalse();
  }

  @Test
  void the_picocli_tree_keeps_dockers_syntax_and_wording() {
    h.ok("run -d --name=web -p=8080:80 -e A=1 nginx");
    assertThat(h.ok("container ls --format '{{.Names}} {{.Ports}}'")).isEqualTo("web 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n");
    assertThat(h.ok("container list -q")).isEqualTo(h.engine.container("web").shortId() + "\n");
    assertThat(h.ok("network list --format '{{.Name}}'")).isEqualTo("bridge\nhost\nnone\n");
    assertThat(h.ok("network remove -f nosuch")).isEmpty();
    assertResult(h.run("container ls --bogus"), 125, "", "unknown flag: --bogus\nSee 'cnm container ls --help'.\n");
    assertResult(h.run("--bogus"), 125, "", "unknown flag: --bogus\nSee 'cnm --help'.\n");
    assertResult(h.run("rm --force=maybe web"), 125, "", "invalid argument \"maybe\" for \"-f, --force\" flag: "
        + "strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'cnm rm --help'.\n");
    assertResult(h.run("rm --force=false web"), 1, "", "Error response from daemon: cannot remove container \"/web\": "
        + "container is running: stop the container before removing or force remove\n");
    assertResult(h.run("exec web echo -i -- x"), 0, "-i -- x\n", "");
    assertResult(h.run("container bogus"), 1, "",
        "cnm: unknown command: cnm container bogus\n\nRun 'cnm container --help' for more information\n");
    assertThat(h.ok("network create --help")).contains("Usage:  cnm network COMMAND");
    assertThat(h.ok("help")).contains("Usage:  cnm [--state DIR] COMMAND");
    assertThat(h.ok("")).contains("Usage:  cnm [--state DIR] COMMAND");
  }

  @Test
  void containers_run_their_images_default_command() {
    h.ok("run -d --name web nginx");
    h.ok("run -d --name db redis");
    h.ok("run -dt --name box alpine");
    h.ok("run -d --name hi alpine sleep 100");
    assertThat(h.ok("ps --no-trunc --format '{{.Names}} {{.Command}}'")).isEqualTo(
        "hi \"sleep 100\"\nbox \"/bin/sh\"\ndb \"docker-entrypoint.sh redis-server\"\n"
            + "web \"/docker-entrypoint.sh nginx -g 'daemon off;'\"\n");
    assertThat(h.ok("ps --format '{{.Command}}' --filter name=db")).isEqualTo("\"docker-entrypoint.s…\"\n");
    assertThat(h.ok("inspect -f '{{.Path}} {{json .Args}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}' web box"))
        .isEqualTo("/docker-entrypoint.sh [\"nginx\",\"-g\",\"daemon off;\"] [\"nginx\",\"-g\",\"daemon off;\"] "
            + "[\"/docker-entrypoint.sh\"]\n/bin/sh [] [\"/bin/sh\"] null\n");
  }
}
