package org.lwm2m4j.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;
import org.lwm2m4j.server.firmware.FirmwareMethod;
import org.lwm2m4j.server.firmware.FirmwarePhase;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationUpdate;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.X509Security;

/**
 * What every durable {@link ServerStore} guarantees, whatever keeps it: each kind of state
 * survives a close and an open, changes are written, registrations that expired while no server
 * ran are gone at open. Each store runs it through a subclass that opens it.
 */
public abstract class ServerStoreContractTest {
  protected static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  /** What a store found at open, in the terms of every store's own {@code loaded()}. */
  public record Loaded(int registrations, int observations, int credentials, int bootstrapConfigs, int expired) {}

  /** Opens the store on the test's backend with {@code now} as its clock and no grace period. */
  protected abstract ServerStore open(Instant now);

  /** What {@code store} found at open. */
  protected abstract Loaded loaded(ServerStore store);

  /** Closes {@code store} (it may be closed already) and opens it again at {@code now}. */
  protected ServerStore reopen(ServerStore store, Instant now) {
    store.close();
    return open(now);
  }

  protected static Registration full(String endpoint, String id) throws Exception {
    return Registration.builder(id, endpoint, new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 40123))
        .lifetimeSeconds(600).lwm2mVersion(Version.V1_1).binding("UT").queueMode(true).secure(true).smsNumber("+4912345")
        .objectLinks("</>;rt=\"oma.lwm2m\",</1/0>,</3/0>,</3303/0>;ver=1.1").registeredAt(T0)
        .lastUpdate(T0.plusSeconds(60)).build();
  }

  @Test
  void everyFieldOfARegistrationSurvivesAReopen() throws Exception {
    ServerStore store = open(T0);
    Registration registration = full("dev1", "id1");
    Registration minimal = Registration.builder("id2", "dev2", new InetSocketAddress(InetAddress.getByName("::1"), 5683))
        .lifetimeSeconds(0).registeredAt(T0).build();
    store.registrations().add(registration);
    store.registrations().add(minimal);
    store.registrations().persisted().get(5, TimeUnit.SECONDS);

    ServerStore reopened = reopen(store, T0.plusSeconds(120));

    assertThat(reopened.registrations().byEndpoint("dev1")).contains(registration);
    assertThat(reopened.registrations().byEndpoint("dev1").orElseThrow().lastUpdate()).isEqualTo(T0.plusSeconds(60));
    assertThat(reopened.registrations().byEndpoint("dev1").orElseThrow().smsNumber()).contains("+4912345");
    assertThat(reopened.registrations().byId("id2")).contains(minimal);
    assertThat(reopened.registrations().byAddress(registration.address())).contains(registration);
    assertThat(loaded(reopened)).isEqualTo(new Loaded(2, 0, 0, 0, 0));
  }

  @Test
  void aRegistrationMadeBySmsIsStillReachedBySmsAfterAReopen() throws Exception {
    ServerStore store = open(T0);
    Registration bySms = Registration.builder("id-sms", "sms-dev", org.lwm2m4j.transport.sms.SmsAddress.of("33612345678"))
        .binding("S").queueMode(true).smsNumber("33612345678").objectLinks("</1/0>,</3/0>").registeredAt(T0).build();
    store.registrations().add(bySms);
    store.registrations().persisted().get(5, TimeUnit.SECONDS);

    Registration restored = reopen(store, T0.plusSeconds(120)).registrations().byEndpoint("sms-dev").orElseThrow();

    assertThat(restored).isEqualTo(bySms);
    assertThat(restored.channel()).isEqualTo(org.lwm2m4j.server.registration.Channel.SMS);
  }

  @Test
  void theLastFirmwareJobOfEachEndpointSurvivesAReopen() throws Exception {
    ServerStore store = open(T0);
    FirmwareJobStatus starting = new FirmwareJobStatus("dev1", "abc123", FirmwareMethod.PUSH, FirmwarePhase.STARTING,
        OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), T0, T0);
    FirmwareJobStatus updating = new FirmwareJobStatus("dev1", "abc123", FirmwareMethod.PUSH, FirmwarePhase.UPDATING,
        OptionalInt.of(3), OptionalInt.of(0), Optional.empty(), T0, T0.plusMillis(1500));
    FirmwareJobStatus failed = new FirmwareJobStatus("dev2", "def456", FirmwareMethod.PULL, FirmwarePhase.FAILED,
        OptionalInt.of(0), OptionalInt.of(5), Optional.of("the download failed: integrity check failure"), T0, T0.plusSeconds(9));
    store.firmwareJobs().put(starting);
    store.firmwareJobs().put(updating);
    store.firmwareJobs().put(failed);
    store.registrations().persisted().get(5, TimeUnit.SECONDS);

    ServerStore reopened = reopen(store, T0.plusSeconds(120));

    assertThat(reopened.firmwareJobs().all()).containsExactlyInAnyOrder(updating, failed);
    assertThat(reopened.firmwareJobs().byEndpoint("dev1")).contains(updating);
    assertThat(reopened.firmwareJobs().byEndpoint("dev2").orElseThrow().error()).contains("the download failed: integrity check failure");
    assertThat(reopened.firmwareJobs().byEndpoint("dev3")).isEmpty();
  }

  @Test
  void updatesReplacementsAndRemovalsAreWritten() throws Exception {
    ServerStore store = open(T0);
    Registration first = full("dev1", "id1");
    store.registrations().add(first);
    store.registrations().add(full("dev2", "id2"));
    Registration replacing = full("dev1", "id3");
    store.registrations().add(replacing);
    store.registrations().update(RegistrationUpdate.renew("id3", replacing.address(), T0.plusSeconds(100)));
    store.registrations().remove("id2");
    store.close();

    ServerStore reopened = reopen(store, T0.plusSeconds(200));

    assertThat(reopened.registrations().size()).isEqualTo(1);
    assertThat(reopened.registrations().byEndpoint("dev1").orElseThrow().id()).isEqualTo("id3");
    assertThat(reopened.registrations().byEndpoint("dev1").orElseThrow().lastUpdate()).isEqualTo(T0.plusSeconds(100));
    assertThat(reopened.registrations().byId("id2")).isEmpty();
  }

  @Test
  void registrationsLoadedAtOpenArePagedByEndpoint() throws Exception {
    ServerStore store = open(T0);
    for (String endpoint : List.of("dev-b", "dev-a", "other", "dev-c")) {
      store.registrations().add(full(endpoint, "id-" + endpoint));
    }
    ServerStore reopened = reopen(store, T0.plusSeconds(200));

    org.lwm2m4j.server.registration.RegistrationPage page = reopened.registrations().page("dev-", Optional.empty(), 2);
    assertThat(page.registrations()).extracting(Registration::endpoint).containsExactly("dev-a", "dev-b");
    assertThat(reopened.registrations().page("dev-", page.nextAfter(), 2).registrations())
        .extracting(Registration::endpoint).containsExactly("dev-c");
    reopened.registrations().remove("id-dev-c");
    assertThat(reopened.registrations().page("dev-", page.nextAfter(), 2).registrations()).isEmpty();
  }

  @Test
  void observationsKeepTheirTokensPathsAndFormats() throws Exception {
    ServerStore store = open(T0);
    store.registrations().add(full("dev1", "id1"));
    Observation single = Observation.single(Token.fromHex("0102030405060708"), "id1", LwM2mPath.parse("/3/0/13"),
        OptionalInt.of(11543), T0);
    Observation composite = new Observation(Token.fromHex("aa"), "id1", List.of(LwM2mPath.parse("/3/0"),
        LwM2mPath.parse("/3303/0/5700")), true, OptionalInt.empty(), T0.plusSeconds(1));
    Observation gone = Observation.single(Token.fromHex("bb"), "id1", LwM2mPath.parse("/1"), OptionalInt.empty(), T0);
    store.observations().add(single);
    store.observations().add(composite);
    store.observations().add(gone);
    store.observations().remove(gone.token());
    store.registrations().persisted().get(5, TimeUnit.SECONDS);

    ServerStore reopened = reopen(store, T0.plusSeconds(100));

    assertThat(reopened.observations().byToken(single.token())).contains(single);
    assertThat(reopened.observations().byToken(composite.token())).contains(composite);
    assertThat(reopened.observations().byToken(gone.token())).isEmpty();
    assertThat(loaded(reopened).observations()).isEqualTo(2);
  }

  @Test
  void registrationsThatExpiredWhileDownAreDeletedWithTheirObservations() throws Exception {
    ServerStore store = open(T0);
    store.registrations().add(full("short", "id1")); // lifetime 600 s from T0+60
    store.registrations().add(Registration.builder("id2", "long", new InetSocketAddress("127.0.0.1", 1))
        .lifetimeSeconds(86400).registeredAt(T0).build());
    store.observations().add(Observation.single(Token.fromHex("01"), "id1", LwM2mPath.parse("/3/0/9"), OptionalInt.empty(), T0));
    store.observations().add(Observation.single(Token.fromHex("02"), "id2", LwM2mPath.parse("/3/0/9"), OptionalInt.empty(), T0));
    store.close();

    ServerStore reopened = reopen(store, T0.plusSeconds(3600));

    assertThat(loaded(reopened)).isEqualTo(new Loaded(1, 1, 0, 0, 1));
    assertThat(reopened.registrations().byEndpoint("short")).isEmpty();
    assertThat(reopened.observations().byToken(Token.fromHex("01"))).isEmpty();
    ServerStore again = reopen(reopened, T0.plusSeconds(3600));
    assertThat(loaded(again)).isEqualTo(new Loaded(1, 1, 0, 0, 0));
  }

  @Test
  void credentialsOfEveryModeSurviveAReopen() throws Exception {
    ServerStore store = open(T0);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    PublicKey key = generator.generateKeyPair().getPublic();
    SecurityInfo psk = new PskSecurity("dev-psk", "identity-1", HexFormat.of().parseHex("00112233"));
    SecurityInfo rpk = new RpkSecurity("dev-rpk", key);
    SecurityInfo x509 = new X509Security("dev-x509");
    store.security().put(psk);
    store.security().put(rpk);
    store.security().put(x509);
    store.security().put(new PskSecurity("dev-removed", "identity-2", new byte[] {1}));
    store.security().remove("dev-removed");

    ServerStore reopened = reopen(store, T0);

    assertThat(reopened.security().all()).containsExactlyInAnyOrder(psk, rpk, x509);
    assertThat(reopened.security().byPskIdentity("identity-1")).contains((PskSecurity) psk);
    assertThat(reopened.security().byPublicKey(key)).contains((RpkSecurity) rpk);
    assertThat(loaded(reopened).credentials()).isEqualTo(3);
  }

  @Test
  void registrationsLoadedWithTheSameObjectListKeepOneString() throws Exception {
    ServerStore store = open(T0);
    for (String endpoint : List.of("same1", "same2")) {
      store.registrations().add(Registration.builder("id-" + endpoint, endpoint, new InetSocketAddress("127.0.0.1", 5683))
          .objectLinks(new String("</1/0>,</3/0>,</3303/4>")).registeredAt(T0).build());
    }
    store.registrations().persisted().get(30, TimeUnit.SECONDS);

    ServerStore reopened = reopen(store, T0);

    assertThat(reopened.registrations().byEndpoint("same2").orElseThrow().objectLinksText())
        .isSameAs(reopened.registrations().byEndpoint("same1").orElseThrow().objectLinksText());
  }
}
