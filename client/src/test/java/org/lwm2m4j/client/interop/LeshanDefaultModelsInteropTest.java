package org.lwm2m4j.client.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.standard.ConnectivityMonitoringInstance;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/**
 * Our client against a stock Eclipse Leshan 2.0.0-M15 server — its default models only (objects
 * 0–7 in the versions of LwM2M 1.0 and 1.1), nothing added. Leshan must find a model for every
 * core object our client announces, for each LwM2M version the client registers with, so that it
 * can write the Server object and read the Device and Connectivity Monitoring objects.
 */
class LeshanDefaultModelsInteropTest {
  private static final String ENDPOINT = "lwm2m4j-stock";
  private static final long TIMEOUT = 5000;

  private LeshanServer leshan;
  private LwM2mClient client;

  @BeforeEach
  void startLeshan() {
    leshan = new LeshanServerBuilder()
        .setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider())
            .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP).build())
        .build();
    leshan.start();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    leshan.destroy();
  }

  private Registration register(Version lwm2mVersion) throws Exception {
    URI uri = leshan.getEndpoint(Protocol.COAP).getURI();
    client = LwM2mClient.builder(ENDPOINT)
        .lwm2mVersion(lwm2mVersion)
        .localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), 0.9))
        .server(URI.create("coap://127.0.0.1:" + uri.getPort()), 1, 60)
        .object(3, List.of(new StoredInstance(0, List.of(SingleResource.of(0, Value.of("lwm2m4j")),
            SingleResource.of(1, Value.of("stock")), SingleResource.of(16, Value.of("U"))))))
        .object(4, List.of(new ConnectivityMonitoringInstance()))
        .start();
    await().atMost(Duration.ofSeconds(20)).until(() -> leshan.getRegistrationService().getByEndpoint(ENDPOINT) != null);
    return leshan.getRegistrationService().getByEndpoint(ENDPOINT);
  }

  private <T extends LwM2mResponse> T send(org.eclipse.leshan.core.request.DownlinkRequest<T> request) throws InterruptedException {
    T response = leshan.send(leshan.getRegistrationService().getByEndpoint(ENDPOINT), request, TIMEOUT);
    assertThat(response).as("an answer to " + request).isNotNull();
    assertThat(response.isSuccess()).as("%s answered %s", request, response).isTrue();
    return response;
  }

  @ParameterizedTest(name = "LwM2M {0}")
  @CsvSource({"1.0, 1.0, 1.0, 1.0", "1.1, 1.1, 1.1, 1.2"})
  void stockLeshanWritesTheServerObjectAndReadsDeviceAndConnectivity(
      String lwm2m, String server, String device, String connectivity) throws Exception {
    Registration registration = register(Version.parse(lwm2m));

    assertThat(registration.getLwM2mVersion().toString()).isEqualTo(lwm2m);
    assertThat(registration.getSupportedVersion(1)).hasToString(server);
    assertThat(registration.getSupportedVersion(3)).hasToString(device);
    assertThat(registration.getSupportedVersion(4)).hasToString(connectivity);

    send(new WriteRequest(1, 0, 1, 120L));
    ReadResponse lifetime = send(new ReadRequest(1, 0, 1));
    assertThat(((LwM2mSingleResource) lifetime.getContent()).getValue()).isEqualTo(120L);
    ReadResponse deviceRead = send(new ReadRequest(3, 0));
    assertThat(((LwM2mObjectInstance) deviceRead.getContent()).getResource(1).getValue()).isEqualTo("stock");
    ReadResponse connectivityRead = send(new ReadRequest(4, 0));
    assertThat(((LwM2mObjectInstance) connectivityRead.getContent()).getResources()).containsKey(0);
    // The Server object holds exactly the resources of the client's release: 1.0 ends at 8.
    ReadResponse serverRead = send(new ReadRequest(1, 0));
    assertThat(((LwM2mObjectInstance) serverRead.getContent()).getResources().keySet().stream().allMatch(id -> id <= 8))
        .isEqualTo(lwm2m.equals("1.0"));
  }

}
