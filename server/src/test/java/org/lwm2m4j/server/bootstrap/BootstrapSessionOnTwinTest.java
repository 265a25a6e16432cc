package org.lwm2m4j.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ConflictException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * A Bootstrap-Server session on the transport twin and virtual time: Bootstrap-Request, then
 * Discover, Delete, Write and Finish from the server, each step waiting at most the step timeout.
 */
class BootstrapSessionOnTwinTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5783);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final List<String> clientSaw = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final BootstrapPlan plan = new BootstrapPlan(List.of(LwM2mPath.of(0)),
      Map.of(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(1)),
          SingleResource.of(1, Value.ofInteger(60)), SingleResource.of(6, Value.of(false)), SingleResource.of(7, Value.of("U")))),
      Optional.empty());
  private final BootstrapServer server;
  private final CoapEndpoint client;
  /** When false the client takes the Bootstrap-Request's answer and then hears nothing (it went away). */
  private boolean clientAnswers = true;
  /** The client's answer to Bootstrap-Write, if it refuses it. */
  private Optional<CoapResponse> refusal = Optional.empty();

  BootstrapSessionOnTwinTest() throws Exception {
    server = BootstrapServer.builder(ep -> ep.equals("dev1") ? Optional.of(plan) : Optional.empty())
        .transport(network).scheduler(scheduler).coapAddress(SERVER).stepTimeout(STEP_TIMEOUT).start();
    server.addListener(new BootstrapSessionListener() {
      @Override
      public void started(String endpoint, InetSocketAddress address, BootstrapMode mode) {
        events.add("started " + mode + " at +" + scheduler.elapsed().toMillis() + " ms");
      }

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
        events.add("failed at +" + scheduler.elapsed().toSeconds() + " s: " + reason);
      }
    });
    client = network.bind(new InetSocketAddress("127.0.0.1", 0), request -> {
      clientSaw.add(request.method() + " " + request.pathText());
      if (!clientAnswers) {
        return new CompletableFuture<>();
      }
      if (request.method() == CoapMethod.PUT && refusal.isPresent()) {
        return CompletableFuture.completedFuture(refusal.get());
      }
      ResponseCode code = switch (request.method()) {
        case GET -> ResponseCode.CONTENT;
        case DELETE -> ResponseCode.DELETED;
        default -> ResponseCode.CHANGED;
      };
      byte[] payload = request.method() == CoapMethod.GET ? "</>;lwm2m=1.1,</0/0>".getBytes() : new byte[0];
      return CompletableFuture.completedFuture(new CoapResponse(code, OptionalInt.empty(), List.of(), payload));
    });
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private CoapResponse bootstrapRequest() {
    CompletableFuture<CoapResponse> answer = client.send(CoapRequest.to(SERVER, CoapMethod.POST, List.of("bs"))
        .withQuery(List.of("ep=dev1", "pct=112")), Duration.ofMinutes(1));
    scheduler.advance(Duration.ofMillis(1));
    assertThat(answer).isDone();
    return answer.join();
  }

  @Test
  void aBootstrapRequestIsAnsweredFirstThenTheSessionRunsToFinish() {
    assertThat(bootstrapRequest().code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(clientSaw).as("the session waits until the 2.04 is on its way").isEmpty();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(clientSaw).containsExactly("GET /", "DELETE /0", "PUT /1/0", "POST /bs");
    assertThat(events).containsExactly("started REQUEST at +50 ms", "Bootstrap-Discover /", "Bootstrap-Delete /0",
        "Bootstrap-Write /1/0", "Bootstrap-Finish", "finished");
    assertThat(server.lastAddress("dev1")).contains(client.address());
  }

  @Test
  void aClientThatStopsAnsweringFailsTheSessionAtTheStepTimeout() {
    bootstrapRequest();
    clientAnswers = false;
    scheduler.advance(STEP_TIMEOUT);
    assertThat(events).noneMatch(event -> event.startsWith("failed"));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(clientSaw).startsWith("GET /");
    assertThat(events).last().asString().isEqualTo("failed at +20 s: device did not answer Bootstrap-Discover / within 20 s "
        + "(3 retransmissions to 127.0.0.1:" + client.address().getPort() + "); is it running and still at this address?");
    assertThat(events).doesNotContain("finished");
  }

  @Test
  void aStepTheClientRefusesFailsTheSessionNamingTheStepTheCodeAndTheDiagnostic() {
    refusal = Optional.of(new CoapResponse(ResponseCode.BAD_REQUEST, OptionalInt.empty(), List.of(), "/1/0/7 is not a binding".getBytes()));
    bootstrapRequest();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(events).last().asString().isEqualTo("failed at +0 s: device at 127.0.0.1:" + client.address().getPort()
        + " refused Bootstrap-Write /1/0 with 4.00 Bad Request: /1/0/7 is not a binding");
  }

  @Test
  void aPushWithoutAnAddressToAClientThatNeverCameIsRefusedAtOnceSayingWhatToDo() {
    assertThatThrownBy(() -> server.push("dev1", Optional.empty()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("no address known for dev1: it has not contacted this bootstrap server since it started; "
            + "give \"address\" in the request or let the device request bootstrap first");
    assertThat(clientSaw).isEmpty();
  }

  @Test
  void theLastContactSaysWhereAndSinceWhen() {
    scheduler.advance(Duration.ofSeconds(5));
    java.time.Instant before = scheduler.now();
    bootstrapRequest();
    assertThat(server.lastContact("dev1")).hasValueSatisfying(contact -> {
      assertThat(contact.address()).isEqualTo(client.address());
      assertThat(contact.since()).isBetween(before, scheduler.now());
    });
  }

  @Test
  void aPushRunsThePlanWithoutABootstrapRequest() {
    CompletableFuture<Void> pushed = server.push("dev1", Optional.of(client.address()));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(pushed).isCompleted();
    assertThat(clientSaw).containsExactly("GET /", "DELETE /0", "PUT /1/0", "POST /bs");
    assertThat(events).first().isEqualTo("started PUSH at +0 ms");
  }
}
