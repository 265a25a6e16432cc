package org.lwm2m4j.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.SendResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.WriteMode;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.UpdatedRegistration;

/**
 * Our server with an Eclipse Leshan 2.0.0-M15 client over UDP on 127.0.0.1: registration and every
 * Device Management and Information Reporting operation, in each format the Leshan client speaks.
 */
class LeshanClientInteropTest {
  private static final String ENDPOINT = "leshan-interop";
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5));

  private LwM2mServer server;
  private LeshanClient client;
  private Temperature temperature;
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
  private final BlockingQueue<List<TimestampedNode>> sent = new LinkedBlockingQueue<>();

  /** A temperature sensor (IPSO 3303) whose value the test moves. */
  public static final class Temperature extends BaseInstanceEnabler {
    private volatile double value = 21.5;

    public Temperature() {
      super(0);
    }

    @Override
    public ReadResponse read(org.eclipse.leshan.client.servers.LwM2mServer server, int resourceId) {
      if (resourceId == 5700) {
        return ReadResponse.success(resourceId, value);
      }
      if (resourceId == 5701) {
        return ReadResponse.success(resourceId, "Cel");
      }
      return super.read(server, resourceId);
    }

    @Override
    public List<Integer> getAvailableResourceIds(org.eclipse.leshan.core.model.ObjectModel model) {
      return List.of(5700, 5701);
    }

    void set(double next) {
      value = next;
      fireResourceChange(5700);
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    server.registrations().addListener(new RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        events.add("registered " + registration.endpoint());
      }

      @Override
      public void updated(UpdatedRegistration update) {
        events.add("updated " + update.current().endpoint());
      }

      @Override
      public void deregistered(Registration registration) {
        events.add("deregistered " + registration.endpoint());
      }
    });
    server.observations().addListener(notifications::add);
    server.addSendListener((registration, values) -> sent.add(values));

    List<org.eclipse.leshan.core.model.ObjectModel> models = new java.util.ArrayList<>(ObjectLoader.loadAllDefault());
    try (var ddf = LwM2mServer.class.getResourceAsStream("/org/lwm2m4j/core/model/bundled/3303.xml")) {
      models.addAll(ObjectLoader.loadDdfFile(ddf, "3303.xml"));
    }
    ObjectsInitializer objects = new ObjectsInitializer(new StaticModel(models));
    objects.setInstancesForObject(LwM2mId.SECURITY, Security.noSec("coap://127.0.0.1:" + server.coapAddress().getPort(), 123));
    objects.setInstancesForObject(LwM2mId.SERVER, new Server(123, 60));
    objects.setInstancesForObject(LwM2mId.DEVICE, new Device("Eclipse Leshan", "interop", "1234"));
    temperature = new Temperature();
    objects.setInstancesForObject(3303, temperature);
    LeshanClientBuilder builder = new LeshanClientBuilder(ENDPOINT);
    builder.setObjects(objects.createAll());
    builder.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider())
        .setClientAddress(InetAddress.getLoopbackAddress()).build());
    client = builder.build();
    client.start();
    assertThat(nextEvent()).isEqualTo("registered " + ENDPOINT);
    // Leshan acts on writes to its Server object (lifetime → Update) only once it has taken our 2.01 in
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.getRegisteredServers().isEmpty());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.destroy(false);
    }
    server.close();
  }

  private String nextEvent() throws InterruptedException {
    String event = events.poll(20, TimeUnit.SECONDS);
    assertThat(event).as("a registration event within 20 s").isNotNull();
    return event;
  }

  private Registration registration() {
    return server.registrations().store().byEndpoint(ENDPOINT).orElseThrow();
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void registersUpdatesAndDeregisters() throws Exception {
    Registration registration = registration();
    assertThat(registration.lifetimeSeconds()).isEqualTo(60);
    assertThat(registration.lwm2mVersion().toString()).isEqualTo("1.1");
    assertThat(registration.objectLinks().instances()).extracting(Object::toString).contains("/1/0", "/3/0", "/3303/0");
    assertThat(registration.objectLinks().objects()).doesNotContain(0);

    client.triggerRegistrationUpdate();
    assertThat(nextEvent()).isEqualTo("updated " + ENDPOINT);

    client.stop(true);
    assertThat(nextEvent()).isEqualTo("deregistered " + ENDPOINT);
    assertThat(server.registrations().store().size()).isZero();
  }

  @Test
  void readsInEveryFormatTheLeshanClientSpeaks() throws Exception {
    for (ContentFormat format : List.of(ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR, ContentFormat.JSON)) {
      LwM2mNode device = get(server.devices().read(registration(), LwM2mPath.of(3, 0), OPTIONS.withFormat(format)));
      assertThat(((LwM2mObjectInstance) device).resource(0)).as(format.shortName())
          .contains(SingleResource.of(0, Value.of("Eclipse Leshan")));
    }
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(3, 0, 1), OPTIONS.withFormat(ContentFormat.TEXT))))
        .isEqualTo(SingleResource.of(1, Value.of("interop")));
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(3303, 0, 5700), OPTIONS)))
        .isEqualTo(SingleResource.of(5700, Value.ofFloat(21.5)));
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(3), OPTIONS))).isNotNull();
  }

  @Test
  void writesReplaceAndPartialUpdate() throws Exception {
    get(server.devices().write(registration(), LwM2mPath.of(1, 0, 1), SingleResource.of(1, Value.ofInteger(120)),
        WriteMode.REPLACE, OPTIONS));
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(registration().lifetimeSeconds()).as("a lifetime write makes the client update").isEqualTo(120));
    get(server.devices().write(registration(), LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(2, Value.ofInteger(5))), WriteMode.UPDATE, OPTIONS));
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(1, 0, 2), OPTIONS))).isEqualTo(SingleResource.of(2, Value.ofInteger(5)));
    assertThat(failure(server.devices().write(registration(), LwM2mPath.of(3, 0, 0), SingleResource.of(0, Value.of("x")),
        WriteMode.REPLACE, OPTIONS))).isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void createsAndDeletesInstances() throws Exception {
    LwM2mObjectInstance second = LwM2mObjectInstance.of(1, SingleResource.of(0, Value.ofInteger(7)),
        SingleResource.of(1, Value.ofInteger(300)), SingleResource.of(6, Value.of(false)), SingleResource.of(7, Value.of("U")));
    assertThat(get(server.devices().create(registration(), 1, second, OPTIONS))).isEqualTo(LwM2mPath.of(1, 1));
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(1, 1, 1), OPTIONS))).isEqualTo(SingleResource.of(1, Value.ofInteger(300)));
    get(server.devices().delete(registration(), LwM2mPath.of(1, 1), OPTIONS));
    assertThat(failure(server.devices().read(registration(), LwM2mPath.of(1, 1), OPTIONS))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void executesTheRegistrationUpdateTrigger() throws Exception {
    get(server.devices().execute(registration(), LwM2mPath.of(1, 0, 8), "", OPTIONS));
    assertThat(nextEvent()).isEqualTo("updated " + ENDPOINT);
  }

  @Test
  void discoversAndWritesAttributes() throws Exception {
    get(server.devices().writeAttributes(registration(), LwM2mPath.of(3303, 0, 5700), List.of("pmin=1", "pmax=30"), OPTIONS));
    List<Link> links = get(server.devices().discover(registration(), LwM2mPath.of(3303, 0, 5700), OPTIONS));
    assertThat(links).hasSize(1);
    assertThat(links.get(0).value("pmin")).contains("1");
    assertThat(links.get(0).value("pmax")).contains("30");
    assertThat(get(server.devices().discover(registration(), LwM2mPath.of(3, 0), OPTIONS)))
        .extracting(Link::target).contains("/3/0", "/3/0/0", "/3/0/14");
  }

  @Test
  void observesNotificationsAndCancels() throws Exception {
    ObserveResult result = get(server.observations().observe(registration(), LwM2mPath.of(3303, 0, 5700), List.of(), OPTIONS));
    assertThat(result.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(21.5)));
    temperature.set(25.0);
    Notification notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isNotNull();
    assertThat(notification.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(25.0)));

    get(server.observations().cancel(result.observation().token(), true, OPTIONS));
    temperature.set(26.0);
    assertThat(notifications.poll(500, TimeUnit.MILLISECONDS)).isNull();

    ObserveResult passive = get(server.observations().observe(registration(), LwM2mPath.of(3303, 0), List.of(), OPTIONS));
    get(server.observations().cancel(passive.observation().token(), false, OPTIONS));
    temperature.set(27.0);
    assertThat(notifications.poll(500, TimeUnit.MILLISECONDS)).as("a forgotten observation notifies no one").isNull();
    assertThat(server.observations().store().size()).isZero();
  }

  @Test
  void observationAttributesReachA11ClientByWriteAttributesFirst() throws Exception {
    assertThat(registration().lwm2mVersion()).isEqualTo(org.lwm2m4j.core.model.Version.V1_1);
    get(server.observations().observe(registration(), LwM2mPath.of(3303, 0, 5700), List.of("pmax=1"), OPTIONS));
    assertThat(get(server.devices().discover(registration(), LwM2mPath.of(3303, 0, 5700), OPTIONS)))
        .extracting(Link::toString).contains("</3303/0/5700>;pmax=1");
    Notification forced = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(forced).as("pmax=1 makes Leshan notify without a change").isNotNull();
  }

  @Test
  void compositeOperations() throws Exception {
    Map<LwM2mPath, LwM2mNode> values = get(server.devices().readComposite(registration(),
        List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(3303, 0, 5700)), OPTIONS.withFormat(ContentFormat.SENML_JSON)));
    assertThat(values).containsEntry(LwM2mPath.of(3, 0, 0), SingleResource.of(0, Value.of("Eclipse Leshan")));
    get(server.devices().writeComposite(registration(), Map.of(LwM2mPath.of(1, 0, 2), SingleResource.of(2, Value.ofInteger(9)),
        LwM2mPath.of(1, 0, 3), SingleResource.of(3, Value.ofInteger(99))), OPTIONS));
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(1, 0, 3), OPTIONS))).isEqualTo(SingleResource.of(3, Value.ofInteger(99)));

    ObserveResult observed = get(server.observations().observeComposite(registration(),
        List.of(LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(3, 0, 0)), OPTIONS));
    assertThat(observed.content()).containsKeys(LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(3, 0, 0));
    temperature.set(19.0);
    Notification notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isNotNull();
    assertThat(notification.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(19.0)));
  }

  @Test
  void receivesSend() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.getRegisteredServers().isEmpty());
    org.eclipse.leshan.client.servers.LwM2mServer leshanView = client.getRegisteredServers().values().iterator().next();
    SendResponse response = client.getSendService().sendData(leshanView, org.eclipse.leshan.core.request.ContentFormat.SENML_CBOR,
        List.of("/3303/0/5700", "/3/0/0"), 5000);
    assertThat(response.isSuccess()).as(String.valueOf(response)).isTrue();
    List<TimestampedNode> values = sent.poll(10, TimeUnit.SECONDS);
    assertThat(values).extracting(TimestampedNode::path).contains(LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(3, 0, 0));
  }
}
