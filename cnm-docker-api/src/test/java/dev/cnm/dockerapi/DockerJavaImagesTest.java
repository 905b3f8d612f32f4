package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.cnm.api.Engine;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.core.Cnm;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-java's image commands against a server whose engine behaves as dockerd does: no image
 * at start, and a create of an absent image answers 404 until it is pulled.
 */
class DockerJavaImagesTest {
  private Engine engine;
  private DockerApiServer server;
  private DockerClient docker;

  @BeforeEach
  void start() {
    engine = Cnm.builder().seed(9).pullPolicy(PullPolicy.NEVER).build();
    server = DockerApiServer.builder()
        .engine(engine)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .build()
        .start();
    String host = "tcp://127.0.0.1:" + server.address().getPort();
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(host)
        .withDockerTlsVerify(false)
        .build();
    docker = DockerClientImpl.getInstance(config,
        new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(host)).build());
  }

  @AfterEach
  void stop() throws Exception {
    docker.close();
    server.close();
  }

  @Test
  void pull_then_create_as_with_dockerd() throws Exception {
    assertThatThrownBy(() -> docker.createContainerCmd("nginx").withName("web").exec())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("No such image: nginx:latest");
    List<String> statuses = new ArrayList<>();
    docker.pullImageCmd("nginx").withTag("latest").exec(new PullImageResultCallback() {
      @Override
      public void onNext(PullResponseItem item) {
        statuses.add(item.getStatus());
        super.onNext(item);
      }
    }).awaitCompletion(30, TimeUnit.SECONDS);
    assertThat(statuses).first().isEqualTo("Pulling from library/nginx");
    assertThat(statuses).contains("Pull complete").last().isEqualTo("Status: Downloaded newer image for nginx:latest");
    CreateContainerResponse web = docker.createContainerCmd("nginx").withName("web").exec();
    String imageId = docker.inspectImageCmd("nginx").exec().getId();
    assertThat(docker.inspectContainerCmd("web").exec().getImageId()).isEqualTo(imageId);
    assertThat(docker.inspectContainerCmd(web.getId()).exec().getConfig().getImage()).isEqualTo("nginx");
  }

  @Test
  void list_and_inspect_images() throws Exception {
    docker.pullImageCmd("alpine").withTag("latest").exec(new PullImageResultCallback()).awaitCompletion();
    docker.pullImageCmd("nginx").withTag("latest").exec(new PullImageResultCallback()).awaitCompletion();
    List<Image> images = docker.listImagesCmd().exec();
    assertThat(images).extracting(i -> i.getRepoTags()[0]).containsExactly("alpine:latest", "nginx:latest");
    assertThat(images.get(1).getSize()).isEqualTo(192_200_000L);
    InspectImageResponse nginx = docker.inspectImageCmd("nginx:latest").exec();
    assertThat(nginx.getId()).startsWith("sha256:");
    assertThat(nginx.getRepoDigests()).singleElement().asString().startsWith("nginx@sha256:");
    assertThat(nginx.getConfig().getCmd()).containsExactly("nginx", "-g", "daemon off;");
    assertThat(nginx.getConfig().getExposedPorts()).containsExactly(ExposedPort.tcp(80));
    assertThat(nginx.getOs()).isEqualTo("linux");
    assertThat(nginx.getRootFS().getLayers()).hasSize(7);
    // by id, short id and digest, as GetImage finds them
    assertThat(docker.inspectImageCmd(nginx.getId()).exec().getId()).isEqualTo(nginx.getId());
    assertThat(docker.inspectImageCmd(nginx.getId().substring(7, 19)).exec().getId()).isEqualTo(nginx.getId());
    assertThat(docker.inspectImageCmd(nginx.getRepoDigests().get(0)).exec().getId()).isEqualTo(nginx.getId());
    assertThatThrownBy(() -> docker.inspectImageCmd("redis").exec()).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("No such image: redis:latest");
    assertThat(docker.listImagesCmd().withReferenceFilter("alp*").exec()).extracting(i -> i.getRepoTags()[0])
        .containsExactly("alpine:latest");
  }

  @Test
  void create_from_an_image_id() throws Exception {
    docker.pullImageCmd("busybox").withTag("latest").exec(new PullImageResultCallback()).awaitCompletion();
    String id = docker.inspectImageCmd("busybox").exec().getId();
    String shortId = id.substring(7, 19);
    CreateContainerResponse c = docker.createContainerCmd(shortId).withName("byid").exec();
    assertThat(docker.inspectContainerCmd(c.getId()).exec().getImageId()).isEqualTo(id);
    assertThat(docker.inspectContainerCmd(c.getId()).exec().getConfig().getImage()).isEqualTo(shortId);
    assertThat(docker.inspectContainerCmd(c.getId()).exec().getConfig().getCmd()).containsExactly("sh");
  }

  @Test
  void tag_and_remove() throws Exception {
    docker.pullImageCmd("alpine").withTag("latest").exec(new PullImageResultCallback()).awaitCompletion();
    docker.tagImageCmd("alpine", "myrepo/base", "1.0").exec();
    InspectImageResponse tagged = docker.inspectImageCmd("myrepo/base:1.0").exec();
    assertThat(tagged.getRepoTags()).containsExactly("alpine:latest", "myrepo/base:1.0");
    docker.createContainerCmd("alpine").withName("user").exec();
    assertThatThrownBy(() -> docker.removeImageCmd(tagged.getId()).exec()).isInstanceOf(ConflictException.class)
        .hasMessageContaining("(must be forced) - image is referenced in multiple repositories");
    docker.removeImageCmd("myrepo/base:1.0").exec();
    assertThat(docker.inspectImageCmd("alpine").exec().getRepoTags()).containsExactly("alpine:latest");
    assertThatThrownBy(() -> docker.removeImageCmd("alpine").exec()).isInstanceOf(ConflictException.class)
        .hasMessageContaining("conflict: unable to remove repository reference")
        .hasMessageContaining("(must force) - container");
    docker.removeContainerCmd("user").exec();
    docker.removeImageCmd("alpine").exec();
    assertThat(docker.listImagesCmd().exec()).isEmpty();
  }

  @Test
  void build_from_a_directory_with_a_dockerfile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), String.join("\n",
        "FROM alpine",
        "ARG GREETING=hello",
        "ENV GREETING=$GREETING",
        "LABEL app=demo",
        "COPY run.sh /run.sh",
        "EXPOSE 8080",
        "CMD [\"/run.sh\"]",
        ""), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("run.sh"), "echo $GREETING\n", StandardCharsets.UTF_8);
    List<String> stream = new ArrayList<>();
    String id = docker.buildImageCmd(new File(dir.toString()))
        .withTags(Set.of("demo:1"))
        .withBuildArg("GREETING", "hi")
        .withLabels(Map.of("built.by", "docker-java"))
        .exec(new BuildImageResultCallback() {
          @Override
          public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
              stream.add(item.getStream());
            }
            super.onNext(item);
          }
        }).awaitImageId(30, TimeUnit.SECONDS);
    InspectImageResponse image = docker.inspectImageCmd("demo:1").exec();
    // docker-java takes the id from "Successfully built", the last word of the classic builder
    assertThat(id).isEqualTo(image.getId().substring(7, 19));
    assertThat(image.getConfig().getEnv()).contains("GREETING=hi");
    assertThat(image.getConfig().getLabels()).containsEntry("app", "demo").containsEntry("built.by", "docker-java");
    assertThat(image.getConfig().getCmd()).containsExactly("/run.sh");
    assertThat(String.join("", stream)).contains("Step 1/8 : FROM alpine\n")
        .doesNotContain("Pulling from")
        .contains("Successfully built " + id + "\n")
        .contains("Successfully tagged demo:1\n");
    docker.createContainerCmd("demo:1").withName("demo").exec();
    assertThat(docker.inspectContainerCmd("demo").exec().getConfig().getLabels()).containsEntry("app", "demo");
  }

  @Test
  void a_failing_build_reports_the_error_in_its_stream(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\nCOPY missing.txt /x\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> docker.buildImageCmd(new File(dir.toString())).exec(new BuildImageResultCallback())
        .awaitImageId(30, TimeUnit.SECONDS))
        .hasMessageContaining("COPY failed: file not found in build context or excluded by .dockerignore: "
            + "stat missing.txt: file does not exist");
    assertThat(engine.images().images()).extracting(i -> i.repoTags()).isEmpty();
  }
}
