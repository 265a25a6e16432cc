package org.lwm2m4j.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.LwM2mId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationHandler;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.RegistrationService;
import org.lwm2m4j.server.registration.UpdatedRegistration;
import org.lwm2m4j.transport.CoapServerEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/** An Eclipse Leshan 2.0.0-M15 client registers, updates and de-registers with our server over UDP on 127.0.0.1. */
class LeshanClientRegistrationTest {
  private final RegistrationService service =
      new RegistrationService(new InMemoryRegistrationStore(), Clock.systemUTC(), Duration.ofSeconds(1));
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final CoapServerEndpoint endpoint;
  private LeshanClient client;

  LeshanClientRegistrationTest() throws Exception {
    endpoint = CoapServerEndpoint.start(new InetSocketAddress("127.0.0.1", 0), new RegistrationHandler(service),
        CoapSettings.DEFAULTS);
    service.addListener(new RegistrationListener() {
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
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.destroy(false);
    }
    endpoint.close();
    service.close();
  }

  private String nextEvent() throws InterruptedException {
    String event = events.poll(20, TimeUnit.SECONDS);
    assertThat(event).as("a registration event within 20 s").isNotNull();
    return event;
  }

  @Test
  void leshanClientRegistersUpdatesAndDeregisters() throws Exception {
    ObjectsInitializer objects = new ObjectsInitializer();
    objects.setInstancesForObject(LwM2mId.SECURITY, Security.noSec("coap://127.0.0.1:" + endpoint.address().getPort(), 123));
    objects.setInstancesForObject(LwM2mId.SERVER, new Server(123, 60));
    objects.setInstancesForObject(LwM2mId.DEVICE, new Device("Eclipse Leshan", "interop", "1234"));
    LeshanClientBuilder builder = new LeshanClientBuilder("leshan-interop-1");
    builder.setObjects(objects.createAll());
    builder.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider())
        .setClientAddress(java.net.InetAddress.getLoopbackAddress()).build());
    client = builder.build();
    client.start();

    assertThat(nextEvent()).isEqualTo("registered leshan-interop-1");
    Registration registration = service.store().byEndpoint("leshan-interop-1").orElseThrow();
    assertThat(registration.lifetimeSeconds()).isEqualTo(60);
    assertThat(registration.lwm2mVersion().toString()).isEqualTo("1.1");
    assertThat(registration.objectLinks().instances()).extracting(Object::toString).contains("/1/0", "/3/0");
    assertThat(registration.objectLinks().objects()).doesNotContain(0);

    client.triggerRegistrationUpdate();
    assertThat(nextEvent()).isEqualTo("updated leshan-interop-1");

    client.stop(true);
    assertThat(nextEvent()).isEqualTo("deregistered leshan-interop-1");
    assertThat(service.store().size()).isZero();
  }
}
