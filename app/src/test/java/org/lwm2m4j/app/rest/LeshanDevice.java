package org.lwm2m4j.app.rest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.LwM2mId;

/** An Eclipse Leshan 2.0.0-M15 client (objects 0, 1, 3) pointed at our server over UDP on 127.0.0.1. */
final class LeshanDevice implements AutoCloseable {
  private final LeshanClient client;

  private LeshanDevice(LeshanClient client) {
    this.client = client;
  }

  static LeshanDevice start(String endpoint, InetSocketAddress server) {
    return start(endpoint, server, java.util.Optional.empty());
  }

  /** A Leshan client that also has the Firmware Update object {@code firmware}, if given. */
  static LeshanDevice start(String endpoint, InetSocketAddress server,
      java.util.Optional<org.eclipse.leshan.client.resource.LwM2mInstanceEnabler> firmware) {
    ObjectsInitializer objects = new ObjectsInitializer();
    firmware.ifPresent(instance -> objects.setInstancesForObject(LwM2mId.FIRMWARE, instance));
    objects.setInstancesForObject(LwM2mId.SECURITY, Security.noSec("coap://127.0.0.1:" + server.getPort(), 123));
    objects.setInstancesForObject(LwM2mId.SERVER, new Server(123, 60));
    objects.setInstancesForObject(LwM2mId.DEVICE, new Device("Eclipse Leshan", "rest-test", "1234"));
    LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
    builder.setObjects(objects.createAll());
    builder.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider())
        .setClientAddress(InetAddress.getLoopbackAddress()).build());
    LeshanClient client = builder.build();
    client.start();
    return new LeshanDevice(client);
  }

  /** Stops answering without de-registering: the server still holds the registration. */
  void goSilent() {
    client.stop(false);
  }

  @Override
  public void close() {
    client.destroy(false);
  }
}
