package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.dtls.PskIdentity;
import org.lwm2m4j.transport.dtls.RpkIdentity;

/** The security mode and identity a registration records from the DTLS handshake of its Register. */
class RegistrationSecurityModeTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final RegistrationService service =
      new RegistrationService(new InMemoryRegistrationStore(), scheduler, Duration.ofSeconds(1));
  private final InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40001);

  @AfterEach
  void close() {
    service.close();
  }

  private static RegisterRequest request(String endpoint) {
    return RegistrationRequestParser.parseRegister(List.of("ep=" + endpoint, "lt=60"),
        "</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPskRegisterRecordsThePskModeAndIdentityAndAnUpdateKeepsThem() {
    Registration registration = service.register(request("psk-dev"), "psk-dev", from, Optional.of(new PskIdentity("psk-dev-id")));

    assertThat(registration.security()).isEqualTo(SecurityMode.PSK);
    assertThat(registration.security().label()).isEqualTo("PSK");
    assertThat(registration.peerIdentity()).contains("psk-dev-id");
    assertThat(registration.secure()).isTrue();

    service.update(RegistrationUpdate.renew(registration.id(), from, scheduler.now()));
    Registration updated = service.store().byEndpoint("psk-dev").orElseThrow();
    assertThat(updated.security()).isEqualTo(SecurityMode.PSK);
    assertThat(updated.peerIdentity()).contains("psk-dev-id");
  }

  @Test
  void anRpkRegisterRecordsTheRpkModeAndThePlainOneNone() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    RpkIdentity rpk = new RpkIdentity(generator.generateKeyPair().getPublic());

    Registration secure = service.register(request("rpk-dev"), "rpk-dev", from, Optional.of(rpk));
    Registration plain = service.register(request("plain"), "plain", new InetSocketAddress("127.0.0.1", 40002), Optional.empty());

    assertThat(secure.security()).isEqualTo(SecurityMode.RPK);
    assertThat(secure.peerIdentity()).contains(rpk.describe());
    assertThat(plain.security()).isEqualTo(SecurityMode.NONE);
    assertThat(plain.security().label()).isEqualTo("none");
    assertThat(plain.peerIdentity()).isEmpty();
    assertThat(plain.secure()).isFalse();
  }

  @Test
  void theBooleanBuilderKeepsWorkingAndReadsAsDtlsOfAnUnrecordedMode() {
    Registration legacy = Registration.builder("r1", "old", from).secure(true).build();
    Registration named = Registration.builder("r2", "new", from).security(SecurityMode.X509, Optional.of("CN=new")).secure(true).build();

    assertThat(legacy.security()).isEqualTo(SecurityMode.DTLS);
    assertThat(legacy.secure()).isTrue();
    assertThat(named.security()).isEqualTo(SecurityMode.X509);
    assertThat(named.peerIdentity()).contains("CN=new");
  }
}
