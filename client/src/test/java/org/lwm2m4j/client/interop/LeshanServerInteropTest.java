package org.lwm2m4j.client.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveCompositeRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.SendRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.WriteCompositeRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadCompositeResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.send.SendListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/**
 * Our client registered with an Eclipse Leshan 2.0.0-M15 server over UDP on 127.0.0.1: Leshan's
 * server drives every Device Management and Information Reporting operation against it.
 */
class LeshanServerInteropTest {
  private static final String ENDPOINT = "lwm2m4j-interop";
  private static final long TIMEOUT = 5000;

  private LeshanServer leshan;
  private LwM2mClient client;
  private StoredInstance temperature;
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Object> notifications = new LinkedBlockingQueue<>();
  private final BlockingQueue<TimestampedLwM2mNodes> sent = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    LeshanServerBuilder builder = new LeshanServerBuilder();
    List<org.eclipse.leshan.core.model.ObjectModel> models = new java.util.ArrayList<>(
        org.eclipse.leshan.core.model.ObjectLoader.loadAllDefault());
    try (var ddf = LwM2mClient.class.getResourceAsStream("/org/lwm2m4j/core/model/bundled/3303.xml")) {
      models.addAll(org.eclipse.leshan.core.model.ObjectLoader.loadDdfFile(ddf, "3303.xml"));
    }
    builder.setObjectModelProvider(new org.eclipse.leshan.server.model.VersionedModelProvider(models));
    builder.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider())
        .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP).build());
    leshan = builder.build();
    leshan.getRegistrationService().addListener(new RegistrationListener() {
      @Override
      public void registered(Registration registration, Registration previous, Collection<Observation> observations) {
        events.add("registered " + registration.getEndpoint());
      }

      @Override
      public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
        events.add("updated " + updated.getEndpoint());
      }

      @Override
      public void unregistered(Registration registration, Collection<Observation> observations, boolean expired, Registration newReg) {
        events.add("deregistered " + registration.getEndpoint());
      }
    });
    leshan.getObservationService().addListener(new ObservationListener() {
      @Override
      public void newObservation(Observation observation, Registration registration) {}

      @Override
      public void cancelled(Observation observation) {}

      @Override
      public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        notifications.add(response);
      }

      @Override
      public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        notifications.add(response);
      }

      @Override
      public void onError(Observation observation, Registration registration, Exception error) {
        notifications.add(error);
      }
    });
    leshan.getSendService().addListener(new SendListener() {
      @Override
      public void dataReceived(Registration registration, TimestampedLwM2mNodes data, SendRequest request) {
        sent.add(data);
      }

      @Override
      public void onError(Registration registration, String message, Exception error) {}
    });
    leshan.start();
    URI uri = leshan.getEndpoint(Protocol.COAP).getURI();

    temperature = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5)), SingleResource.of(5701, Value.of("Cel"))));
    client = LwM2mClient.builder(ENDPOINT)
        .localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), 0.9))
        .server(URI.create("coap://127.0.0.1:" + uri.getPort()), 1, 60)
        .object(3, List.of(new StoredInstance(0, List.of(SingleResource.of(0, Value.of("lwm2m4j")),
            SingleResource.of(1, Value.of("interop")), SingleResource.of(14, Value.of("+01:00")),
            SingleResource.of(16, Value.of("U"))))))
        .object(3303, List.of(temperature))
        .start();
    assertThat(nextEvent()).isEqualTo("registered " + ENDPOINT);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !client.registrations().registrations().isEmpty());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    leshan.destroy();
  }

  private String nextEvent() throws InterruptedException {
    String event = events.poll(20, TimeUnit.SECONDS);
    assertThat(event).as("a registration event within 20 s").isNotNull();
    return event;
  }

  private Registration registration() {
    return leshan.getRegistrationService().getByEndpoint(ENDPOINT);
  }

  private <T extends LwM2mResponse> T send(org.eclipse.leshan.core.request.DownlinkRequest<T> request) throws InterruptedException {
    T response = leshan.send(registration(), request, TIMEOUT);
    assertThat(response).as("an answer to " + request).isNotNull();
    return response;
  }

  @Test
  void registersUpdatesAndDeregisters() throws Exception {
    Registration registration = registration();
    assertThat(registration.getLifeTimeInSec()).isEqualTo(60);
    assertThat(registration.getLwM2mVersion().toString()).isEqualTo("1.1");
    assertThat(Arrays.stream(registration.getObjectLinks()).map(Link::getUriReference)).contains("/3/0", "/3303/0", "/1/0");
    assertThat(registration.getSupportedContentFormats()).contains(ContentFormat.SENML_CBOR, ContentFormat.TLV);
    client.registrations().updateAll();
    assertThat(nextEvent()).isEqualTo("updated " + ENDPOINT);
    client.close();
    client = null;
    assertThat(nextEvent()).isEqualTo("deregistered " + ENDPOINT);
  }

  @Test
  void readsInEveryFormat() throws Exception {
    for (ContentFormat format : List.of(ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR, ContentFormat.JSON)) {
      ReadResponse response = send(new ReadRequest(format, 3, 0));
      assertThat(response.isSuccess()).as(format + ": " + response).isTrue();
      assertThat(((LwM2mObjectInstance) response.getContent()).getResource(0).getValue()).isEqualTo("lwm2m4j");
    }
    ReadResponse text = send(new ReadRequest(ContentFormat.TEXT, 3303, 0, 5700));
    assertThat(((LwM2mSingleResource) text.getContent()).getValue()).isEqualTo(21.5);
    assertThat(send(new ReadRequest(ContentFormat.SENML_CBOR, 3303)).isSuccess()).isTrue();
    assertThat(send(new ReadRequest(3, 0, 9)).getCode().getCode()).isEqualTo(404);
  }

  @Test
  void writesReplaceAndPartialUpdate() throws Exception {
    assertThat(send(new WriteRequest(3, 0, 14, "+02:00")).isSuccess()).isTrue();
    assertThat(client.value(org.lwm2m4j.core.path.LwM2mPath.of(3, 0, 14))).contains(Value.of("+02:00"));
    assertThat(send(new WriteRequest(WriteRequest.Mode.UPDATE, ContentFormat.TLV, 3, 0,
        LwM2mSingleResource.newStringResource(15, "Europe/Paris"))).isSuccess()).isTrue();
    assertThat(client.value(org.lwm2m4j.core.path.LwM2mPath.of(3, 0, 15))).contains(Value.of("Europe/Paris"));
    assertThat(send(new WriteRequest(1, 0, 1, 120L)).isSuccess()).isTrue();
    await("a lifetime write makes our client update").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> registration().getLifeTimeInSec() == 120);
    assertThat(send(new WriteRequest(3, 0, 0, "x")).getCode().getCode()).isEqualTo(405);
  }

  @Test
  void createsAndDeletes() throws Exception {
    for (ContentFormat format : List.of(ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR)) {
      int id = format == ContentFormat.TLV ? 1 : format == ContentFormat.SENML_JSON ? 2 : 3;
      CreateResponse created = send(new CreateRequest(format, 3303,
          new LwM2mObjectInstance(id, LwM2mSingleResource.newFloatResource(5700, 3.0))));
      assertThat(created.isSuccess()).as(format + ": " + created).isTrue();
      assertThat(client.tree().instanceIds(3303)).contains(id);
    }
    assertThat(nextEvent()).isEqualTo("updated " + ENDPOINT);
    assertThat(send(new DeleteRequest(3303, 1)).isSuccess()).isTrue();
    assertThat(client.tree().instanceIds(3303)).doesNotContain(1);
    assertThat(send(new DeleteRequest(3, 0)).getCode().getCode()).isEqualTo(405);
  }

  @Test
  void executesTheUpdateTrigger() throws Exception {
    assertThat(send(new ExecuteRequest(1, 0, 8)).isSuccess()).isTrue();
    assertThat(nextEvent()).isEqualTo("updated " + ENDPOINT);
  }

  @Test
  void discoversAndWritesAttributes() throws Exception {
    assertThat(send(new WriteAttributesRequest(3303, 0, 5700, new LwM2mAttributeSet(
        LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 1L), LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, 30L))))
        .isSuccess()).isTrue();
    DiscoverResponse discover = send(new DiscoverRequest(3303, 0, 5700));
    assertThat(discover.isSuccess()).isTrue();
    assertThat(Arrays.stream(discover.getObjectLinks()).map(Object::toString))
        .anySatisfy(link -> assertThat(link).contains("/3303/0/5700").contains("pmin=1").contains("pmax=30"));
    assertThat(Arrays.stream(send(new DiscoverRequest(3, 0)).getObjectLinks()).map(Link::getUriReference)).contains("/3/0", "/3/0/0");
  }

  @Test
  void observesWithNotificationsAndCancels() throws Exception {
    ObserveResponse observe = send(new ObserveRequest(ContentFormat.SENML_CBOR, 3303, 0, 5700));
    assertThat(observe.isSuccess()).as(String.valueOf(observe)).isTrue();
    temperature.set(5700, Value.ofFloat(25.0));
    Object notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isInstanceOf(ObserveResponse.class);
    assertThat(((LwM2mSingleResource) ((ObserveResponse) notification).getContent()).getValue()).isEqualTo(25.0);

    assertThat(send(new CancelObservationRequest(observe.getObservation())).isSuccess()).isTrue();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> client.observations().size() == 0);

    ObserveResponse passive = send(new ObserveRequest(ContentFormat.TLV, 3303, 0));
    assertThat(passive.isSuccess()).isTrue();
    leshan.getObservationService().cancelObservation(passive.getObservation());
    temperature.set(5700, Value.ofFloat(26.0));
    await("RST ends the relation").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> client.observations().size() == 0);
  }

  @Test
  void compositeOperations() throws Exception {
    ReadCompositeResponse read = send(new ReadCompositeRequest(ContentFormat.SENML_CBOR, ContentFormat.SENML_CBOR,
        "/3/0/0", "/3303/0/5700"));
    assertThat(read.isSuccess()).as(String.valueOf(read)).isTrue();
    assertThat(read.getContent().get(new LwM2mPath("/3/0/0"))).isNotNull();
    assertThat(send(new WriteCompositeRequest(ContentFormat.SENML_JSON, Map.of("/3/0/14", "+05:00", "/3/0/15", "Asia/Karachi")))
        .isSuccess()).isTrue();
    assertThat(client.value(org.lwm2m4j.core.path.LwM2mPath.of(3, 0, 15))).contains(Value.of("Asia/Karachi"));
    ObserveCompositeResponse observe = send(new ObserveCompositeRequest(ContentFormat.SENML_JSON, ContentFormat.SENML_JSON,
        "/3303/0/5700", "/3/0/0"));
    assertThat(observe.isSuccess()).as(String.valueOf(observe)).isTrue();
    temperature.set(5700, Value.ofFloat(17.0));
    Object notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isInstanceOf(ObserveCompositeResponse.class);
    assertThat(((ObserveCompositeResponse) notification).getContent().get(new LwM2mPath("/3303/0/5700"))).isNotNull();
  }

  @Test
  void sendsData() throws Exception {
    client.send(List.of(org.lwm2m4j.core.path.LwM2mPath.of(3303, 0, 5700), org.lwm2m4j.core.path.LwM2mPath.of(3, 0, 0)))
        .get(10, TimeUnit.SECONDS);
    TimestampedLwM2mNodes data = sent.poll(10, TimeUnit.SECONDS);
    assertThat(data).isNotNull();
    assertThat(data.getNodes()).containsKeys(new LwM2mPath("/3303/0/5700"), new LwM2mPath("/3/0/0"));
  }
}
