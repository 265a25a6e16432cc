package org.lwm2m4j.server.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.twin.TwinNetwork;

/** The one way out to devices, on the twin and virtual time: queue-mode gate, metrics, deadline, endpoint selection. */
class DownlinkChainTest {
  private static final LwM2mPath BATTERY = LwM2mPath.of(3, 0, 9);
  private final DownlinkHarness harness = newHarness();

  private static DownlinkHarness newHarness() {
    try {
      return new DownlinkHarness();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("not failed");
  }

  @Test
  void aClientRegisteredBySmsCannotBeReachedByAServerWithoutAnSmsEndpoint() {
    Registration bySms = Registration.builder("reg-sms", "sms-dev", org.lwm2m4j.transport.sms.SmsAddress.of("33612345678"))
        .binding("S").objectLinks("</3/0>").build();
    harness.registrations.add(bySms);
    CompletableFuture<LwM2mNode> read = harness.devices.read(bySms, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));
    assertThat(failure(read)).isInstanceOf(org.lwm2m4j.core.error.ErrorResponseException.class)
        .hasMessageContaining("sms-dev is reached by SMS (sms:33612345678)").hasMessageContaining("no SMS endpoint");
    assertThat(harness.metrics).containsExactly("read 5.03");
  }

  @Test
  void anObserveToASleepingQueueModeDeviceIsQueuedAndCountedWhenItGoesOut() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration sleeper = harness.register(device, "sleeper", true);

    CompletableFuture<ObserveResult> observe = harness.observations.observe(sleeper, BATTERY, List.of(), RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));
    assertThat(failure(observe)).isInstanceOf(RequestQueuedException.class);
    RequestQueuedException queued = (RequestQueuedException) failure(observe);
    assertThat(queued.request().operation()).isEqualTo("observe");
    assertThat(queued.request().path()).hasValue("/3/0/9");
    assertThat(device.requests()).as("nothing sent to a sleeping device").isEmpty();
    assertThat(harness.queue.depth(sleeper.id())).isEqualTo(1);
    assertThat(harness.observations.observationsOf(sleeper.id())).as("not observed before it is sent").isEmpty();

    harness.wake(sleeper);
    harness.advance(Duration.ofSeconds(1));
    assertThat(device.requests()).containsExactly("GET /3/0/9 obs=0");
    assertThat(queued.request().result()).isCompleted();
    ObserveResult result = (ObserveResult) queued.request().result().join();
    assertThat(result.content().get(BATTERY)).isEqualTo(SingleResource.of(9, Value.ofInteger(90)));
    assertThat(harness.observations.observationsOf(sleeper.id())).containsExactly(result.observation());
    assertThat(device.observers("/3/0/9")).isEqualTo(1);
    assertThat(harness.metrics).as("counted when it went out").containsExactly("observe success");
  }

  @Test
  void aReadToAnAwakeDeviceGoesOutAtOnceAndIsCounted() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration awake = harness.register(device, "awake", false);
    CompletableFuture<LwM2mNode> read = harness.devices.read(awake, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));
    assertThat(read.join()).isEqualTo(SingleResource.of(9, Value.ofInteger(90)));
    assertThat(device.requests()).containsExactly("GET /3/0/9");
    assertThat(harness.metrics).containsExactly("read success");
  }

  @Test
  void aQueuedRequestGoesToTheAddressTheDeviceWokeFrom() throws Exception {
    TwinDevice before = harness.device().set("/3/0/9", 90);
    TwinDevice after = harness.device().set("/3/0/9", 85);
    Registration sleeper = harness.register(before, "sleeper", true);
    CompletableFuture<LwM2mNode> read = harness.devices.read(sleeper, BATTERY, RequestOptions.DEFAULTS);
    RequestQueuedException queued = (RequestQueuedException) failure(read);

    // an Update from a new address (NAT rebinding) wakes it
    Registration moved = Registration.builder(sleeper.id(), sleeper.endpoint(), after.address()).queueMode(true)
        .lwm2mVersion(sleeper.lwm2mVersion()).objectLinks("</3/0>,</5/0>").build();
    harness.wake(moved);
    harness.advance(Duration.ofSeconds(1));
    assertThat(before.requests()).isEmpty();
    assertThat(after.requests()).containsExactly("GET /3/0/9");
    assertThat(queued.request().result().join()).isEqualTo(SingleResource.of(9, Value.ofInteger(85)));
  }

  @Test
  void theDeadlineEndsAnUnansweredRequestOnVirtualTime() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration silent = harness.register(device, "silent", false);
    harness.network.cut(device.address(), true);
    CompletableFuture<LwM2mNode> read = harness.devices.read(silent, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(DownlinkHarness.TIMEOUT.minusMillis(1));
    assertThat(read).isNotDone();
    harness.advance(Duration.ofMillis(1));
    assertThat(failure(read)).isInstanceOf(TimeoutException.class);
    assertThat(harness.metrics).containsExactly("read timeout");
  }

  @Test
  void anErrorAnswerFailsWithItsTypedExceptionAndIsCountedWithItsCode() throws Exception {
    Registration client = harness.register(harness.device(), "client", false);
    CompletableFuture<LwM2mNode> read = harness.devices.read(client, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));
    assertThat(failure(read)).isInstanceOf(NotFoundException.class).hasMessageContaining("/3/0/9 is not there");
    assertThat(harness.metrics).containsExactly("read 4.04");
  }

  @Test
  void aRequestThatCannotBeEncodedIsNeitherSentNorQueued() throws Exception {
    TwinDevice device = harness.device();
    Registration sleeper = harness.register(device, "sleeper", true);
    CompletableFuture<LwM2mNode> read = harness.devices.read(sleeper, LwM2mPath.ROOT, RequestOptions.DEFAULTS);
    assertThat(failure(read)).isInstanceOf(InvalidRequestException.class);
    assertThat(harness.queue.depth(sleeper.id())).isZero();
    harness.advance(Duration.ofSeconds(1));
    assertThat(device.requests()).isEmpty();
  }

  @Test
  void aClientRegisteredOverDtlsIsReachedThroughTheSecureEndpoint() throws Exception {
    TwinNetwork network = harness.network;
    CoapEndpoint secure = network.bind(new InetSocketAddress("127.0.0.1", 5684), request -> CompletableFuture.failedFuture(
        new NotFoundException("none")));
    try {
      DownlinkChain chain = DownlinkChain.direct(DownlinkEndpoints.of(harness.server, Optional.of(secure)), harness.scheduler);
      TwinDevice device = harness.device().set("/3/0/9", 90);
      List<InetSocketAddress> from = new CopyOnWriteArrayList<>();
      device.script(request -> {
        from.add(request.peer());
        return Optional.empty();
      });
      Registration plain = harness.register(device, "plain", false);
      Registration dtls = Registration.builder("reg-dtls", "dtls", device.address()).secure(true).build();
      CoapRequest get = harness.codec.request(plain, org.lwm2m4j.transport.CoapMethod.GET, BATTERY);
      for (Registration registration : List.of(plain, dtls)) {
        chain.send(DeviceRequest.of(registration, "read", Optional.of(BATTERY), current -> get, (current, response) -> response,
            Duration.ofSeconds(5)));
      }
      harness.advance(Duration.ofSeconds(1));
      assertThat(from).containsExactly(harness.server.address(), secure.address());
    } finally {
      secure.close();
    }
  }
}
