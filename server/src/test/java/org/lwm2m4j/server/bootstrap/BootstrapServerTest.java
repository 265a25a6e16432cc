package org.lwm2m4j.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/** The Bootstrap-Server's answers and its session state machine, against a scripted client endpoint. */
class BootstrapServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private volatile ResponseCode answerToWrites = ResponseCode.CHANGED;
  private volatile boolean silent;
  private BootstrapServer server;
  private CoapEndpoint device;

  private final BootstrapPlan plan = new BootstrapPlan(List.of(LwM2mPath.of(0)),
      Map.of(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(1)), SingleResource.of(1, Value.ofInteger(60)),
          SingleResource.of(6, Value.of(false)), SingleResource.of(7, Value.of("U")))), Optional.empty());

  @BeforeEach
  void start() throws Exception {
    server = BootstrapServer.builder(ep -> ep.equals("dev1") ? Optional.of(plan) : Optional.empty())
        .coapAddress(new InetSocketAddress("127.0.0.1", 0)).stepTimeout(Duration.ofMillis(800))
        .coapSettings(new CoapSettings(Duration.ofMillis(200), 1)).start();
    server.addListener(new BootstrapSessionListener() {
      @Override
      public void step(String endpoint, String operation) {
        events.add(operation);
      }

      @Override
      public void finished(String endpoint) {
        events.add("finished");
      }

      @Override
      public void failed(String endpoint, String reason) {
        events.add("failed: " + reason);
      }
    });
    CoapHandler scripted = request -> {
      seen.add(request.method() + " " + request.pathText());
      if (silent) {
        return new CompletableFuture<>();
      }
      ResponseCode code = switch (request.method()) {
        case GET -> ResponseCode.CONTENT;
        case DELETE -> ResponseCode.DELETED;
        case PUT -> answerToWrites;
        default -> ResponseCode.CHANGED;
      };
      byte[] payload = request.method() == CoapMethod.GET ? "</>;lwm2m=1.1,</0/0>".getBytes() : new byte[0];
      return CompletableFuture.completedFuture(new CoapResponse(code, java.util.OptionalInt.empty(), List.of(), payload));
    };
    device = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), scripted, CoapSettings.DEFAULTS);
  }

  @AfterEach
  void stop() {
    device.close();
    server.close();
  }

  private CoapResponse send(CoapRequest request) throws Exception {
    return device.send(request, TIMEOUT).get(10, TimeUnit.SECONDS);
  }

  private CoapRequest bootstrapRequest(String... query) {
    return CoapRequest.to(server.coapAddress(), CoapMethod.POST, List.of("bs")).withQuery(List.of(query));
  }

  @Test
  void aBootstrapRequestIsAnsweredThenDiscoverDeleteWriteFinishFollow() throws Exception {
    assertThat(send(bootstrapRequest("ep=dev1", "pct=112")).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("Bootstrap-Discover /");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("Bootstrap-Delete /0");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("Bootstrap-Write /1/0");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("Bootstrap-Finish");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("finished");
    assertThat(seen).containsExactly("GET /", "DELETE /0", "PUT /1/0", "POST /bs");
    assertThat(server.lastAddress("dev1")).contains(device.address());
  }

  @Test
  void unknownEndpointsAndFormatsAreRefused() throws Exception {
    assertThat(send(bootstrapRequest("ep=stranger")).code()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(send(bootstrapRequest()).code()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(send(bootstrapRequest("ep=dev1", "pct=0")).code()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    assertThat(send(CoapRequest.to(server.coapAddress(), CoapMethod.GET, List.of("bs"))).code()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(send(CoapRequest.to(server.coapAddress(), CoapMethod.GET, List.of("rd"))).code()).isEqualTo(ResponseCode.NOT_FOUND);
  }

  @Test
  void aRefusedWriteFailsTheSessionWithoutFinish() throws Exception {
    answerToWrites = ResponseCode.BAD_REQUEST;
    send(bootstrapRequest("ep=dev1"));
    String last;
    do {
      last = events.poll(10, TimeUnit.SECONDS);
    } while (last != null && !last.startsWith("failed") && !last.equals("finished"));
    assertThat(last).matches("failed: device at 127\\.0\\.0\\.1:\\d+ refused Bootstrap-Write /1/0 with 4\\.00 Bad Request.*");
    assertThat(seen).doesNotContain("POST /bs");
  }

  @Test
  void aSilentClientTimesTheStepOut() throws Exception {
    send(bootstrapRequest("ep=dev1"));
    silent = true;
    String last;
    do {
      last = events.poll(15, TimeUnit.SECONDS);
    } while (last != null && !last.startsWith("failed") && !last.equals("finished"));
    assertThat(last).as("a step without answer fails the session").startsWith("failed");
  }

  @Test
  void theBootstrapPackHoldsThePlannedInstances() throws Exception {
    CoapResponse pack = send(CoapRequest.to(server.coapAddress(), CoapMethod.GET, List.of("bspack")).withQuery(List.of("ep=dev1"))
        .withAccept(ContentFormat.SENML_JSON.code()));
    assertThat(pack.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(NodeCodecs.standard().composite(ContentFormat.SENML_JSON).orElseThrow()
        .decodeNodes(pack.payload(), List.of(), ObjectModelRegistry.bundled())).containsKey(LwM2mPath.of(1, 0, 1));
  }
}
