package org.lwm2m4j.client.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.server.LwM2mServer;

/** Our client bootstraps from an Eclipse Leshan 2.0.0-M15 Bootstrap-Server, then registers with our server. */
class LeshanBootstrapServerInteropTest {
  private LeshanBootstrapServer leshan;
  private LwM2mServer server;
  private LwM2mClient client;

  @TempDir
  java.nio.file.Path state;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (leshan != null) {
      leshan.destroy();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void ourClientBootstrapsFromLeshanAndRegisters() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();

    BootstrapConfig config = new BootstrapConfig();
    config.toDelete = List.of("/0", "/1");
    BootstrapConfig.ServerConfig dm = new BootstrapConfig.ServerConfig();
    dm.shortId = 3;
    dm.lifetime = 60;
    dm.binding = EnumSet.of(BindingMode.U);
    config.servers.put(0, dm);
    BootstrapConfig.ServerSecurity dmSecurity = new BootstrapConfig.ServerSecurity();
    dmSecurity.uri = "coap://127.0.0.1:" + server.coapAddress().getPort();
    dmSecurity.bootstrapServer = false;
    dmSecurity.securityMode = SecurityMode.NO_SEC;
    dmSecurity.serverId = 3;
    config.security.put(1, dmSecurity);
    InMemoryBootstrapConfigStore store = new InMemoryBootstrapConfigStore();
    store.add("via-leshan-bs", config);

    LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
    builder.setConfigStore(store);
    builder.setSecurityStore(new BootstrapSecurityStore() {
      @Override
      public java.util.Iterator<org.eclipse.leshan.server.security.SecurityInfo> getAllByEndpoint(String endpoint) {
        return null;
      }

      @Override
      public org.eclipse.leshan.server.security.SecurityInfo getByIdentity(String identity) {
        return null;
      }

      @Override
      public org.eclipse.leshan.server.security.SecurityInfo getByOscoreIdentity(org.eclipse.leshan.core.peer.OscoreIdentity identity) {
        return null;
      }
    });
    builder.setEndpointsProviders(new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapBootstrapServerProtocolProvider())
        .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP).build());
    leshan = builder.build();
    leshan.start();
    URI bs = URI.create("coap://127.0.0.1:" + leshan.getEndpoint(Protocol.COAP).getURI().getPort());

    client = LwM2mClient.builder("via-leshan-bs").localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9))
        .stateDir(state).bootstrapServer(bs, new ClientCredentials.NoSec()).start();
    await("registered with the account Leshan wrote").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint("via-leshan-bs").isPresent());
    assertThat(client.registrations().accounts()).extracting(account -> account.shortServerId()).containsExactly(3);
  }
}
