package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code lwm2m server} nodes as separate processes on 127.0.0.1, each on its own free CoAP, DTLS and HTTP
 * ports with its own data directory and log: {@link #start} launches them and waits until each REST API is
 * up; {@link #kill} ends one with SIGKILL, {@link #restart} starts it again on the same ports; {@link #close}
 * kills what is still running. The nodes' CoAP addresses go into {@link NginxUdpBalancer#start}.
 */
public final class NodeProcesses implements AutoCloseable {
  /** One node: its ports, its directory, and its process while it runs. */
  private static final class Node {
    final String id;
    final int coapPort;
    final int coapsPort;
    final int httpPort;
    final int clusterDtlsPort;
    final Path directory;
    Process process;

    Node(String id, int coapPort, int coapsPort, int httpPort, int clusterDtlsPort, Path directory) {
      this.id = id;
      this.coapPort = coapPort;
      this.coapsPort = coapsPort;
      this.httpPort = httpPort;
      this.clusterDtlsPort = clusterDtlsPort;
      this.directory = directory;
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private final List<String> options;
  private final String classPath;
  private final Map<String, String> environment;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private NodeProcesses(List<String> options, String classPath, Map<String, String> environment) {
    this.options = List.copyOf(options);
    this.classPath = classPath;
    this.environment = Map.copyOf(environment);
  }

  /**
   * {@link #start}, started again in a new directory (at most three attempts) when a node could not bind its
   * ports: they are probed free and bound later, and another process on the machine may take one meanwhile.
   */
  static NodeProcesses startRetryingTakenPorts(Path workDir, int count, List<String> options) throws Exception {
    return startRetryingTakenPorts(workDir, count, options, System.getProperty("java.class.path"), Map.of());
  }

  /** {@link #startRetryingTakenPorts(Path, int, List)} with the nodes' JVMs on {@code classPath} (the bench: the application's jar). */
  public static NodeProcesses startRetryingTakenPorts(Path workDir, int count, List<String> options, String classPath) throws Exception {
    return startRetryingTakenPorts(workDir, count, options, classPath, Map.of());
  }

  /** As {@link #startRetryingTakenPorts(Path, int, List)}, with {@code environment} added to each node's. */
  static NodeProcesses startRetryingTakenPorts(Path workDir, int count, List<String> options, Map<String, String> environment)
      throws Exception {
    return startRetryingTakenPorts(workDir, count, options, System.getProperty("java.class.path"), environment);
  }

  private static NodeProcesses startRetryingTakenPorts(Path workDir, int count, List<String> options, String classPath,
      Map<String, String> environment) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return start(workDir.resolve("attempt-" + attempt), count, options, classPath, environment);
      } catch (org.awaitility.core.TerminalFailureException portTaken) {
        if (attempt == 3) {
          throw portTaken;
        }
      }
    }
  }

  /**
   * Starts {@code count} nodes named {@code node-1}… with {@code options} added to each command line (e.g.
   * {@code --store memory}, or {@code --store redis://…} to which {@code --node-id node-N} is added).
   */
  static NodeProcesses start(Path workDir, int count, List<String> options) throws Exception {
    return start(workDir, count, options, System.getProperty("java.class.path"), Map.of());
  }

  /** As {@link #start(Path, int, List)}, with {@code environment} added to each node's (e.g. {@code LWM2M_CLUSTER_SECRET}). */
  static NodeProcesses start(Path workDir, int count, List<String> options, Map<String, String> environment) throws Exception {
    return start(workDir, count, options, System.getProperty("java.class.path"), environment);
  }

  private static NodeProcesses start(Path workDir, int count, List<String> options, String classPath,
      Map<String, String> environment) throws Exception {
    NodeProcesses processes = new NodeProcesses(options, classPath, environment);
    try {
      for (int i = 1; i <= count; i++) {
        Node node = new Node("node-" + i, freeUdpPort(), freeUdpPort(), freeTcpPort(), freeUdpPort(), workDir.resolve("node-" + i));
        processes.nodes.add(node);
        processes.launch(node);
      }
      for (Node node : processes.nodes) {
        processes.awaitRestApi(node);
      }
    } catch (Exception | AssertionError e) {
      processes.close();
      throw e;
    }
    return processes;
  }

  /** The nodes' CoAP addresses, in order, for the balancer. */
  public List<InetSocketAddress> coapAddresses() {
    return nodes.stream().map(node -> new InetSocketAddress("127.0.0.1", node.coapPort)).toList();
  }

  /** The nodes' DTLS addresses, in order, for the balancer. */
  List<InetSocketAddress> coapsAddresses() {
    return nodes.stream().map(node -> new InetSocketAddress("127.0.0.1", node.coapsPort)).toList();
  }

  public int size() {
    return nodes.size();
  }

  public String id(int index) {
    return nodes.get(index).id;
  }

  /** {@code path} on node {@code index}'s REST API. */
  public URI uri(int index, String path) {
    return URI.create("http://127.0.0.1:" + nodes.get(index).httpPort + path);
  }

  HttpClient http() {
    return http;
  }

  /** One REST call to node {@code index}; a non-empty body is sent as SenML JSON. */
  HttpResponse<String> call(int index, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(index, path)).timeout(Duration.ofSeconds(30))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (!body.isEmpty()) {
      request.header("Content-Type", "application/senml+json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Node {@code index}'s process id (while it runs), for the bench's CPU time and heap readings. */
  public long pid(int index) {
    return nodes.get(index).process.pid();
  }

  /** Ends node {@code index} with SIGKILL and waits until it has gone. */
  void kill(int index) throws InterruptedException {
    Process process = nodes.get(index).process;
    process.destroyForcibly();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as(id(index) + " ended").isTrue();
  }

  /** Starts node {@code index} again on its ports and waits until its REST API is up. */
  void restart(int index) throws Exception {
    Node node = nodes.get(index);
    launch(node);
    awaitRestApi(node);
  }

  /** Node {@code index}'s log so far. */
  public String log(int index) throws IOException {
    Path log = log(nodes.get(index));
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void launch(Node node) throws IOException {
    Files.createDirectories(node.directory);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", classPath,
        "org.lwm2m4j.app.Main", "server", "--coap-address", "127.0.0.1", "--coap-port", Integer.toString(node.coapPort),
        "--coaps-port", Integer.toString(node.coapsPort), "--http-address", "127.0.0.1", "--http-port",
        Integer.toString(node.httpPort), "--data-dir", node.directory.resolve("data").toString()));
    command.addAll(options);
    if (options.stream().anyMatch(option -> option.startsWith("redis://"))) {
      // a port of its own for the DTLS cluster channel: the default (DTLS port + 1000) may be taken or out of range
      command.addAll(List.of("--node-id", node.id, "--cluster-dtls-port", Integer.toString(node.clusterDtlsPort)));
    }
    // appended, so that a restarted node's log shows both lives
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()));
    builder.environment().putAll(environment);
    node.process = builder.start();
  }

  private void awaitRestApi(Node node) {
    Process process = node.process;
    Path log = log(node);
    // A JVM start on a loaded two-core machine can take tens of seconds: the bound is generous, the wait is not.
    await(node.id + "'s REST API (" + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .failFast(node.id + " ended; see " + log, () -> !process.isAlive())
        .until(() -> {
          try {
            return call(nodes.indexOf(node), "GET", "/api/v1/clients?limit=1", "").statusCode() == 200;
          } catch (IOException notYet) {
            return false;
          }
        });
  }

  private static Path log(Node node) {
    return node.directory.resolveSibling(node.id + ".log");
  }

  /** Kills every node still running. */
  @Override
  public void close() throws InterruptedException {
    for (Node node : nodes) {
      if (node.process != null && node.process.isAlive()) {
        node.process.destroyForcibly();
        node.process.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
