package org.lwm2m4j.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.memory.InMemoryNetwork;

class SecureChannelsTest {
  private static final CoapHandler NOTHING = request -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.NOT_FOUND));

  @Test
  void onAnInMemoryNetworkPlainServersShareTheEndpointAndDtlsOnesAreRefusedWithTheReason() throws Exception {
    InMemoryNetwork network = new InMemoryNetwork();
    try (SecureChannels channels = new SecureChannels((address, handler) -> CoapEndpoint.start(network, address, handler,
            CoapSettings.DEFAULTS), new InetSocketAddress("127.0.0.1", 0), CoapSettings.DEFAULTS);
         CoapEndpoint plain = channels.open(NOTHING)) {
      assertThat(channels.endpointFor(1, URI.create("coap://127.0.0.1:5683"), new ClientCredentials.NoSec())).isSameAs(plain);
      ClientCredentials psk = new ClientCredentials.Psk("dev1", new byte[16]);
      assertThatThrownBy(() -> channels.endpointFor(1, URI.create("coaps://127.0.0.1:5684"), psk))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in-memory network");
    }
  }
}
