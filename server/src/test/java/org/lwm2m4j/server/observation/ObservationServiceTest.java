package org.lwm2m4j.server.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.UnsupportedByClientVersionException;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ScriptedDevice;

/**
 * Observe as the device sees it, with a scripted device on a raw UDP socket that records every
 * request: observation attributes by the client's LwM2M version, composite operations refused to
 * versions without them, and notifications that arrive out of order.
 */
class ObservationServiceTest {
  private static final LwM2mPath BATTERY = LwM2mPath.of(3, 0, 9);
  private static final List<String> PMIN_PMAX = List.of("pmin=1", "pmax=2");
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5));
  private static final Duration WAIT = Duration.ofSeconds(10);

  private LwM2mServer server;
  private ScriptedDevice device;
  private final List<Notification> notifications = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    server.observations().addListener(notifications::add);
  }

  @AfterEach
  void stop() {
    if (device != null) {
      device.close();
    }
    server.close();
  }

  /** A device that accepts Write-Attributes and answers Observe with 90, Observe = 3. */
  private static CoapResponse cooperative(CoapRequest request) {
    if (request.method() == CoapMethod.PUT) {
      return CoapResponse.of(ResponseCode.CHANGED);
    }
    if (request.method() == CoapMethod.FETCH) {
      return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(110), List.of(),
          "[{\"n\":\"/3/0/9\",\"v\":90}]".getBytes(StandardCharsets.UTF_8)).withObserve(3);
    }
    return ScriptedDevice.text("90").withObserve(3);
  }

  private Registration registered(java.util.function.Function<CoapRequest, CoapResponse> script, String version) throws Exception {
    device = ScriptedDevice.start(script);
    String endpoint = "dev-" + version;
    assertThat(device.register(server.coapAddress(), endpoint, version).code()).isEqualTo(ResponseCode.CREATED);
    return server.registrations().store().byEndpoint(endpoint).orElseThrow();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + future.join());
  }

  @Test
  void attributesGoToA11ClientAsWriteAttributesBeforeAPlainObserve() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.1");
    ObserveResult result = server.observations().observe(client, BATTERY, PMIN_PMAX, OPTIONS).join();

    assertThat(result.content()).containsEntry(BATTERY, SingleResource.of(9, Value.ofInteger(90)));
    List<CoapRequest> received = device.received();
    assertThat(received).hasSize(2);
    CoapRequest writeAttributes = received.get(0);
    assertThat(writeAttributes.method()).isEqualTo(CoapMethod.PUT);
    assertThat(writeAttributes.pathText()).isEqualTo("/3/0/9");
    assertThat(writeAttributes.query()).containsExactly("pmin=1", "pmax=2");
    assertThat(writeAttributes.payload()).isEmpty();
    assertThat(writeAttributes.contentFormat()).isEmpty();
    CoapRequest observe = received.get(1);
    assertThat(observe.method()).isEqualTo(CoapMethod.GET);
    assertThat(observe.isObserve()).isTrue();
    assertThat(observe.query()).isEmpty();
  }

  @Test
  void anObserveWithoutAttributesSendsNoWriteAttributes() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.0");
    server.observations().observe(client, BATTERY, List.of(), OPTIONS).join();
    assertThat(device.received()).extracting(CoapRequest::method).containsExactly(CoapMethod.GET);
  }

  @Test
  void theFirstAnswerSaysWhichContentFormatTheDeviceAnsweredIn() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.1");
    ObserveResult single = server.observations().observe(client, BATTERY, List.of(), OPTIONS.withFormat(ContentFormat.TLV)).join();
    assertThat(device.received().get(0).accept()).hasValue(ContentFormat.TLV.code());
    assertThat(single.contentFormat()).isEqualTo(ContentFormat.TEXT);

    ObserveResult composite = server.observations().observeComposite(client, List.of(BATTERY), OPTIONS).join();
    assertThat(composite.contentFormat()).isEqualTo(ContentFormat.SENML_JSON);
  }

  @Test
  void attributesStayInTheObserveQueryForA12Client() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.2");
    server.observations().observe(client, BATTERY, PMIN_PMAX, OPTIONS).join();

    List<CoapRequest> received = device.received();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).isObserve()).isTrue();
    assertThat(received.get(0).query()).containsExactly("pmin=1", "pmax=2");
  }

  @Test
  void aRefusedWriteAttributesFailsTheObservationAndNoObserveIsSent() throws Exception {
    Registration client = registered(request -> request.method() == CoapMethod.PUT
        ? new CoapResponse(ResponseCode.BAD_REQUEST, OptionalInt.empty(), List.of(), "pmax not supported".getBytes(StandardCharsets.UTF_8))
        : cooperative(request), "1.1");

    Throwable failure = failure(server.observations().observe(client, BATTERY, PMIN_PMAX, OPTIONS));

    assertThat(failure).isInstanceOf(ObservationAttributesRefusedException.class)
        .hasMessageContaining("/3/0/9").hasMessageContaining("4.00").hasMessageContaining("pmin=1&pmax=2")
        .hasMessageContaining("refused").hasMessageContaining("pmax not supported");
    ObservationAttributesRefusedException refused = (ObservationAttributesRefusedException) failure;
    assertThat(refused.code()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(refused.path()).isEqualTo(BATTERY);
    assertThat(refused.attributes()).containsExactly("pmin=1", "pmax=2");
    assertThat(device.received()).extracting(CoapRequest::method).containsExactly(CoapMethod.PUT);
    assertThat(server.observations().observationsOf(client.id())).isEmpty();
  }

  @Test
  void compositeAttributesGoInTheFetchQueryForA12Client() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.2");
    ObserveResult result = server.observations().observeComposite(client, List.of(BATTERY), PMIN_PMAX, OPTIONS).join();

    assertThat(result.content()).containsKey(BATTERY);
    List<CoapRequest> received = device.received();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).method()).isEqualTo(CoapMethod.FETCH);
    assertThat(received.get(0).isObserve()).isTrue();
    assertThat(received.get(0).query()).containsExactly("pmin=1", "pmax=2");
  }

  @Test
  void compositeAttributesBeyondTheObjectLevelOnesAreRefusedWithoutSending() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.2");
    Throwable failure = failure(server.observations().observeComposite(client, List.of(BATTERY), List.of("pmin=1", "gt=50"), OPTIONS));
    assertThat(failure).isInstanceOf(InvalidRequestException.class).hasMessageContaining("gt")
        .hasMessageContaining("pmin, pmax, epmin, epmax, con");
    assertThat(device.received()).isEmpty();
  }

  @Test
  void compositeAttributesToA11ClientAreRefusedWithoutSending() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.1");
    Throwable failure = failure(server.observations().observeComposite(client, List.of(BATTERY), PMIN_PMAX, OPTIONS));
    assertThat(failure).isInstanceOf(UnsupportedByClientVersionException.class).hasMessageContaining("1.2")
        .hasMessageContaining("1.1").hasMessageContaining("Write-Attributes");
    assertThat(device.received()).isEmpty();
  }

  @Test
  void observeCompositeToA10ClientIsRefusedWithoutSending() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.0");
    Throwable failure = failure(server.observations().observeComposite(client, List.of(BATTERY), List.of(), OPTIONS));
    assertThat(failure).isInstanceOf(UnsupportedByClientVersionException.class).hasMessageContaining("Observe-Composite")
        .hasMessageContaining("1.0");
    assertThat(device.received()).isEmpty();
  }

  @Test
  void aNotificationOlderThanOneAlreadyReceivedBecomesNoEvent() throws Exception {
    Registration client = registered(ObservationServiceTest::cooperative, "1.1");
    server.observations().observe(client, BATTERY, List.of(), OPTIONS).join();
    CoapRequest observe = device.received().get(0);

    // Each fresh notification is awaited before the next is sent: the transport may take
    // datagrams up on several threads, and a stale one is stale whichever order it is handled in.
    device.notify(observe, ScriptedDevice.text("11").withObserve(2));
    device.notify(observe, ScriptedDevice.text("55").withObserve(5));
    await().atMost(WAIT).until(() -> notifications.size() == 1);
    device.notify(observe, ScriptedDevice.text("44").withObserve(4));
    device.notify(observe, ScriptedDevice.text("66").withObserve(6));
    await().atMost(WAIT).until(() -> notifications.size() >= 2);

    assertThat(notifications).extracting(notification -> notification.content().get(BATTERY))
        .containsExactly(SingleResource.of(9, Value.ofInteger(55)), SingleResource.of(9, Value.ofInteger(66)));
  }
}
