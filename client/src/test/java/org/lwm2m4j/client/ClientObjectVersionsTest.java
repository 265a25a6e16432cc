package org.lwm2m4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.standard.ConnectivityMonitoringInstance;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;

/**
 * Our client registers with the object versions of the LwM2M release it is built for — the core
 * objects at that release's versions, announced without {@code ver}, and serving exactly their
 * resources — and our server, over UDP on 127.0.0.1, sees it so.
 */
class ClientObjectVersionsTest {
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5));
  private static final String ENDPOINT = "versioned";

  private LwM2mServer server;
  private LwM2mClient client;

  @BeforeEach
  void startServer() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private Registration register(LwM2mClient.Builder builder) throws Exception {
    client = builder
        .localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), 0.9))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60)
        .start();
    await().atMost(Duration.ofSeconds(20)).until(() -> server.registrations().store().byEndpoint(ENDPOINT).isPresent());
    return server.registrations().store().byEndpoint(ENDPOINT).orElseThrow();
  }

  private static LwM2mClient.Builder client(String lwm2mVersion) {
    return LwM2mClient.builder(ENDPOINT)
        .lwm2mVersion(Version.parse(lwm2mVersion))
        .object(3, List.of(new StoredInstance(0, List.of(SingleResource.of(0, Value.of("lwm2m4j")),
            SingleResource.of(16, Value.of("U"))))))
        .object(4, List.of(new ConnectivityMonitoringInstance()))
        .object(3303, List.of(new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5))))));
  }

  private List<Integer> resourceIds(Registration registration, LwM2mPath instance) throws Exception {
    LwM2mObjectInstance read = (LwM2mObjectInstance) server.devices().read(registration, instance, OPTIONS)
        .get(10, TimeUnit.SECONDS);
    return read.resources().stream().map(LwM2mResource::id).toList();
  }

  @ParameterizedTest(name = "LwM2M {0}")
  @ValueSource(strings = {"1.0", "1.1", "1.2"})
  void registersTheCoreObjectsOfItsReleaseWithoutVer(String lwm2mVersion) throws Exception {
    Registration registration = register(client(lwm2mVersion));

    assertThat(registration.lwm2mVersion()).hasToString(lwm2mVersion);
    assertThat(registration.objectLinks().objects()).contains(1, 2, 3, 4, 3303).doesNotContain(0);
    // Only the IPSO object, at 1.1, carries ver: every core object is at its release's version.
    assertThat(registration.objectLinks().objectVersions()).isEqualTo(Map.of(3303, Version.V1_1));
  }

  @Test
  void aLwM2m10ClientServesOnlyTheResourcesOfTheVersion10Objects() throws Exception {
    Registration registration = register(client("1.0"));

    // Server 1.0 = resources 0-8 (1.1 added Mute Send, 23); Connectivity Monitoring 1.0 = 0-10.
    assertThat(resourceIds(registration, LwM2mPath.of(1, 0))).allMatch(id -> id <= 8).contains(0, 1, 6, 7);
    assertThat(resourceIds(registration, LwM2mPath.of(4, 0))).allMatch(id -> id <= 10).contains(0);
    assertThat(client.tree().objectModel(1).orElseThrow().version()).isEqualTo(Version.V1_0);
    assertThat(client.tree().objectModel(4).orElseThrow().version()).isEqualTo(Version.V1_0);
  }

  @Test
  void aLwM2m11ClientServesTheVersion11ServerObject() throws Exception {
    Registration registration = register(client("1.1"));

    assertThat(resourceIds(registration, LwM2mPath.of(1, 0))).contains(23);
    assertThat(client.tree().objectModel(1).orElseThrow().version()).isEqualTo(Version.V1_1);
    assertThat(client.tree().objectModel(4).orElseThrow().version()).isEqualTo(Version.V1_2);
  }

  @Test
  void aCoreObjectAtAnotherVersionThanItsReleasesCarriesVer() throws Exception {
    // Models without Device 1.0 and 1.1: a 1.1 client can only implement Device 1.2.
    ObjectModelRegistry withoutOlderDevice = ObjectModelRegistry.of(ObjectModelRegistry.bundled().models().stream()
        .filter(model -> model.id() != 3 || model.version().equals(Version.V1_2)).toList());

    Registration registration = register(client("1.1").models(withoutOlderDevice));

    assertThat(registration.objectLinks().objectVersions()).containsEntry(3, Version.V1_2);
  }

  @Test
  void onlyTheReleasesTheClientKnowsCanBeChosen() {
    assertThatThrownBy(() -> LwM2mClient.builder(ENDPOINT).lwm2mVersion(new Version(1, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0, 1.1 or 1.2");
    assertThat(Optional.of(LwM2mClient.builder(ENDPOINT).lwm2mVersion(Version.V1_0))).isPresent();
  }
}
