package org.lwm2m4j.client.object.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.WriteMode;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/** Firmware update from our server to our client over real UDP: push, pull, and the failure results. */
class FirmwareUpdateTest {
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(10));
  private static final LwM2mPath STATE = LwM2mPath.of(5, 0, 3);
  private static final LwM2mPath RESULT = LwM2mPath.of(5, 0, 5);

  private final BlockingQueue<byte[]> installed = new LinkedBlockingQueue<>();
  private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
  private LwM2mServer server;
  private LwM2mClient client;
  private FirmwareUpdateInstance firmware;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    server.observations().addListener(notifications::add);
    AtomicReference<LwM2mClient> self = new AtomicReference<>();
    firmware = new FirmwareUpdateInstance(new FirmwareUpdater() {
      @Override
      public int verify(byte[] image) {
        return image.length > 0 && image[0] == 'F' ? 0 : FirmwareUpdateInstance.RESULT_INTEGRITY_FAILURE;
      }

      @Override
      public int install(byte[] image) {
        installed.add(image);
        return FirmwareUpdateInstance.RESULT_SUCCESS;
      }
    }, uri -> self.get().download(uri), Runnable::run);
    client = LwM2mClient.builder("fw").localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60)
        .object(5, StoredInstance::new, List.of(firmware)).start();
    self.set(client);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint("fw").isPresent());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Registration registration() {
    return server.registrations().store().byEndpoint("fw").orElseThrow();
  }

  private Object read(LwM2mPath path) throws Exception {
    return server.devices().read(registration(), path, OPTIONS).get(10, TimeUnit.SECONDS);
  }

  private static byte[] image(int size) {
    byte[] image = new byte[size];
    Arrays.fill(image, (byte) 0x42);
    image[0] = 'F';
    return image;
  }

  @Test
  void pushedPackageIsInstalledAndTheServerFollowsTheStateByObservation() throws Exception {
    server.observations().observe(registration(), STATE, List.of(), OPTIONS).get(10, TimeUnit.SECONDS);
    byte[] image = image(5000);
    server.devices().write(registration(), LwM2mPath.of(5, 0, 0), SingleResource.of(0, Value.of(image)), WriteMode.REPLACE, OPTIONS)
        .get(20, TimeUnit.SECONDS);
    assertThat(read(STATE)).isEqualTo(SingleResource.of(3, Value.ofInteger(FirmwareUpdateInstance.DOWNLOADED)));
    server.devices().execute(registration(), LwM2mPath.of(5, 0, 2), "", OPTIONS).get(10, TimeUnit.SECONDS);
    assertThat(installed.poll(10, TimeUnit.SECONDS)).isEqualTo(image);
    assertThat(read(RESULT)).isEqualTo(SingleResource.of(5, Value.ofInteger(FirmwareUpdateInstance.RESULT_SUCCESS)));
    assertThat(read(STATE)).isEqualTo(SingleResource.of(3, Value.ofInteger(FirmwareUpdateInstance.IDLE)));
    assertThat(notifications.poll(10, TimeUnit.SECONDS)).as("state changes are notified").isNotNull();
  }

  @Test
  void pulledPackageIsDownloadedBlockWiseFromItsUri() throws Exception {
    byte[] image = image(4000);
    try (CoapEndpoint repository = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
        request -> CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(42), List.of(), image)),
        CoapSettings.DEFAULTS)) {
      String uri = "coap://127.0.0.1:" + repository.address().getPort() + "/fw/image.bin";
      server.devices().write(registration(), LwM2mPath.of(5, 0, 1), SingleResource.of(1, Value.of(uri)), WriteMode.REPLACE, OPTIONS)
          .get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
          .until(() -> firmware.state() == FirmwareUpdateInstance.DOWNLOADED);
      server.devices().execute(registration(), LwM2mPath.of(5, 0, 2), "", OPTIONS).get(10, TimeUnit.SECONDS);
      assertThat(installed.poll(10, TimeUnit.SECONDS)).isEqualTo(image);
    }
  }

  @Test
  void failuresEndInTheSpecResults() throws Exception {
    server.devices().write(registration(), LwM2mPath.of(5, 0, 1), SingleResource.of(1, Value.of("http://example.org/fw")),
        WriteMode.REPLACE, OPTIONS).get(10, TimeUnit.SECONDS);
    assertThat(firmware.result()).isEqualTo(FirmwareUpdateInstance.RESULT_UNSUPPORTED_PROTOCOL);
    server.devices().write(registration(), LwM2mPath.of(5, 0, 1), SingleResource.of(1, Value.of("not a uri")),
        WriteMode.REPLACE, OPTIONS).get(10, TimeUnit.SECONDS);
    assertThat(firmware.result()).isEqualTo(FirmwareUpdateInstance.RESULT_INVALID_URI);
    server.devices().write(registration(), LwM2mPath.of(5, 0, 0), SingleResource.of(0, Value.of(new byte[] {'X', 1, 2})),
        WriteMode.REPLACE, OPTIONS).get(10, TimeUnit.SECONDS);
    assertThat(firmware.result()).as("integrity check").isEqualTo(FirmwareUpdateInstance.RESULT_INTEGRITY_FAILURE);
    assertThat(firmware.state()).isEqualTo(FirmwareUpdateInstance.IDLE);
    Throwable refused = server.devices().execute(registration(), LwM2mPath.of(5, 0, 2), "", OPTIONS).handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(refused).as("no package, no update").hasCauseInstanceOf(MethodNotAllowedException.class);
  }
}
