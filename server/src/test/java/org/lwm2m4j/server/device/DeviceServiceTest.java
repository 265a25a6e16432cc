package org.lwm2m4j.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.ScriptedDevice;

class DeviceServiceTest {
  private static CoapEndpoint endpoint;
  private static DeviceService devices;
  private static org.lwm2m4j.core.schedule.SystemScheduler scheduler;
  private static final ContentFormatPolicy POLICY = new ContentFormatPolicy(NodeCodecs.standard());

  @BeforeAll
  static void start() throws Exception {
    endpoint = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
        request -> CompletableFuture.failedFuture(new NotFoundException("none")), CoapSettings.DEFAULTS);
    scheduler = org.lwm2m4j.core.schedule.SystemScheduler.create("device-service-test");
    devices = new DeviceService(org.lwm2m4j.server.downlink.DownlinkChain.direct(
        org.lwm2m4j.server.downlink.DownlinkEndpoints.single(endpoint), scheduler), new DeviceCodec(ObjectModelRegistry.bundled()),
        Duration.ofSeconds(1));
  }

  @AfterAll
  static void stop() {
    endpoint.close();
    scheduler.close();
  }

  private static Registration registration(Version version, String links) {
    return Registration.builder("id1", "dev1", new InetSocketAddress("127.0.0.1", 5683)).lwm2mVersion(version)
        .objectLinks(links).build();
  }

  @Test
  void requestsGoUnderTheClientsAlternateRootPath() {
    Registration rooted = registration(Version.V1_1, "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/3/0>");
    assertThat(devices.request(rooted, CoapMethod.GET, LwM2mPath.of(3, 0, 1)).path()).containsExactly("lwm2m", "3", "0", "1");
    Registration plain = registration(Version.V1_1, "</3/0>");
    assertThat(devices.request(plain, CoapMethod.GET, LwM2mPath.of(3, 0, 1)).path()).containsExactly("3", "0", "1");
    assertThat(devices.request(plain, CoapMethod.FETCH, LwM2mPath.ROOT).path()).isEmpty();
  }

  @Test
  void theFormatFollowsWhatTheClientAnnouncedThenItsVersion() {
    LwM2mPath instance = LwM2mPath.of(3, 0);
    assertThat(POLICY.forNode(registration(Version.V1_0, "</3/0>"), instance, Optional.empty())).isEqualTo(ContentFormat.TLV);
    assertThat(POLICY.forNode(registration(Version.V1_1, "</3/0>"), instance, Optional.empty())).isEqualTo(ContentFormat.SENML_CBOR);
    assertThat(POLICY.forNode(registration(Version.V1_1, "</>;ct=\"110 11542\",</3/0>"), instance, Optional.empty()))
        .isEqualTo(ContentFormat.SENML_JSON);
    assertThat(POLICY.forNode(registration(Version.V1_1, "</>;ct=11542,</3/0>"), instance, Optional.empty()))
        .isEqualTo(ContentFormat.TLV);
    assertThat(POLICY.forNode(registration(Version.V1_1, "</3/0>"), instance, Optional.of(ContentFormat.JSON)))
        .isEqualTo(ContentFormat.JSON);
    assertThat(POLICY.forComposite(registration(Version.V1_1, "</>;ct=\"110\",</3/0>"), Optional.empty()))
        .isEqualTo(ContentFormat.SENML_JSON);
  }

  @Test
  void anOverrideThatCannotCarryThePathIsABadRequest() {
    assertThatThrownBy(() -> POLICY.forNode(registration(Version.V1_1, "</3/0>"), LwM2mPath.of(3, 0), Optional.of(ContentFormat.TEXT)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("text");
    assertThatThrownBy(() -> POLICY.forComposite(registration(Version.V1_1, "</3/0>"), Optional.of(ContentFormat.TLV)))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void localMistakesFailTheFutureWithoutSendingAnything() {
    Registration client = registration(Version.V1_1, "</3/0>");
    assertThat(devices.read(client, LwM2mPath.ROOT, RequestOptions.DEFAULTS)).isCompletedExceptionally();
    assertThat(devices.delete(client, LwM2mPath.of(3), RequestOptions.DEFAULTS)).isCompletedExceptionally();
    assertThat(devices.execute(client, LwM2mPath.of(3, 0), "", RequestOptions.DEFAULTS)).isCompletedExceptionally();
    assertThat(devices.writeAttributes(client, LwM2mPath.of(3, 0), java.util.List.of(), RequestOptions.DEFAULTS))
        .isCompletedExceptionally();
  }

  @Test
  void aClientThatDoesNotAnswerTimesOut() {
    Registration silent = Registration.builder("id2", "dev2", new InetSocketAddress("127.0.0.1", 9)).lwm2mVersion(Version.V1_1)
        .objectLinks("</3/0>").build();
    CompletableFuture<?> read = devices.read(silent, LwM2mPath.of(3, 0), RequestOptions.DEFAULTS.withTimeout(Duration.ofMillis(300)));
    assertThatThrownBy(read::join).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
  }

  @Test
  void compositeOperationsToA10ClientAreRefusedWithoutSending() throws Exception {
    try (ScriptedDevice device = ScriptedDevice.start(request -> new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(110),
        List.of(), "[{\"n\":\"/3/0/9\",\"v\":90}]".getBytes(StandardCharsets.UTF_8)))) {
      Registration old = Registration.builder("id3", "dev3", device.address()).lwm2mVersion(Version.V1_0).objectLinks("</3/0>").build();
      List<LwM2mPath> battery = List.of(LwM2mPath.of(3, 0, 9));

      assertThatThrownBy(() -> devices.readComposite(old, battery, RequestOptions.DEFAULTS).join())
          .hasCauseInstanceOf(UnsupportedByClientVersionException.class)
          .hasMessageContaining("Read-Composite").hasMessageContaining("1.1").hasMessageContaining("lwm2m=1.0");
      assertThatThrownBy(() -> devices.writeComposite(old, Map.of(LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+01:00"))),
          RequestOptions.DEFAULTS).join())
          .hasCauseInstanceOf(UnsupportedByClientVersionException.class).hasMessageContaining("Write-Composite");
      assertThat(device.received()).isEmpty();

      Registration current = Registration.builder("id4", "dev4", device.address()).lwm2mVersion(Version.V1_1).objectLinks("</3/0>").build();
      assertThat(devices.readComposite(current, battery, RequestOptions.DEFAULTS).join()).containsKey(LwM2mPath.of(3, 0, 9));
      assertThat(device.received()).extracting(CoapRequest::method).containsExactly(CoapMethod.FETCH);
    }
  }

  @Test
  void resultsSayWhichContentFormatTravelledOnTheWire() throws Exception {
    // the device answers every GET and FETCH in SenML JSON, whatever it was asked for
    try (ScriptedDevice device = ScriptedDevice.start(request -> request.method() == CoapMethod.GET || request.method() == CoapMethod.FETCH
        ? new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.SENML_JSON.code()), List.of(),
            "[{\"n\":\"/3/0/9\",\"v\":90}]".getBytes(StandardCharsets.UTF_8))
        : new CoapResponse(ResponseCode.CHANGED, OptionalInt.empty(), List.of(), new byte[0]))) {
      Registration client = Registration.builder("id5", "dev5", device.address()).lwm2mVersion(Version.V1_1).objectLinks("</3/0>").build();
      LwM2mPath battery = LwM2mPath.of(3, 0, 9);
      RequestOptions tlv = RequestOptions.DEFAULTS.withFormat(ContentFormat.TLV);

      WireResult<org.lwm2m4j.core.node.LwM2mNode> read = devices.readWithFormat(client, battery, tlv).join();
      assertThat(read.format()).isEqualTo(ContentFormat.SENML_JSON);
      assertThat(read.value()).isEqualTo(SingleResource.of(9, Value.ofInteger(90)));
      assertThat(device.received().get(0).accept()).hasValue(ContentFormat.TLV.code());

      WireResult<Map<LwM2mPath, org.lwm2m4j.core.node.LwM2mNode>> composite =
          devices.readCompositeWithFormat(client, List.of(battery), RequestOptions.DEFAULTS).join();
      assertThat(composite.format()).isEqualTo(ContentFormat.SENML_JSON);
      assertThat(composite.value()).containsKey(battery);

      assertThat(devices.writeWithFormat(client, LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+01:00")), WriteMode.REPLACE,
          tlv).join()).isEqualTo(ContentFormat.TLV);
      assertThat(device.received().get(2).contentFormat()).hasValue(ContentFormat.TLV.code());
      assertThat(devices.writeCompositeWithFormat(client, Map.of(LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+02:00"))),
          RequestOptions.DEFAULTS).join()).isEqualTo(ContentFormat.SENML_CBOR);
    }
  }
}
