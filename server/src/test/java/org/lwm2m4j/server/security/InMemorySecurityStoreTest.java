package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ConflictException;
import org.lwm2m4j.core.error.ResponseCode;

class InMemorySecurityStoreTest {
  private final InMemorySecurityStore store = new InMemorySecurityStore();

  private static PskSecurity psk(String endpoint, String identity) {
    return new PskSecurity(endpoint, identity, new byte[] {1, 2, 3, 4});
  }

  @Test
  void findsAPskByEndpointAndByIdentity() {
    PskSecurity dev1 = psk("dev1", "id-1");
    assertThat(store.put(dev1)).isEmpty();
    assertThat(store.byEndpoint("dev1")).contains(dev1);
    assertThat(store.byPskIdentity("id-1")).contains(dev1);
    assertThat(store.byPskIdentity("dev1")).isEmpty();
    assertThat(store.byEndpoint("unknown")).isEmpty();
  }

  @Test
  void findsAnRpkByItsPublicKeyWhateverObjectCarriesIt() {
    PublicKey key = TestKeys.p256();
    RpkSecurity rpk = new RpkSecurity("dev1", key);
    store.put(rpk);
    assertThat(store.byPublicKey(PublicKeys.decode(PublicKeys.encode(key)))).contains(rpk);
    assertThat(store.byPublicKey(TestKeys.p256())).isEmpty();
  }

  @Test
  void aPskIdentityOfAnotherEndpointIsAConflict() {
    store.put(psk("dev1", "shared"));
    assertThatThrownBy(() -> store.put(psk("dev2", "shared")))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ResponseCode.CONFLICT))
        .hasMessageContaining("'shared'").hasMessageContaining("'dev1'");
    assertThat(store.byEndpoint("dev2")).isEmpty();
    assertThat(store.byPskIdentity("shared").map(PskSecurity::endpoint)).contains("dev1");
  }

  @Test
  void aPublicKeyOfAnotherEndpointIsAConflict() {
    PublicKey key = TestKeys.p256();
    store.put(new RpkSecurity("dev1", key));
    assertThatThrownBy(() -> store.put(new RpkSecurity("dev2", key)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("'dev1'");
    assertThat(store.all()).extracting(SecurityInfo::endpoint).containsExactly("dev1");
  }

  @Test
  void replacingReturnsThePreviousAndMovesTheIdentity() {
    PskSecurity first = psk("dev1", "old-id");
    PskSecurity second = psk("dev1", "new-id");
    store.put(first);
    assertThat(store.put(second)).contains(first);
    assertThat(store.byPskIdentity("old-id")).isEmpty();
    assertThat(store.byPskIdentity("new-id")).contains(second);
    // the old identity is free again for another endpoint
    store.put(psk("dev2", "old-id"));
    assertThat(store.byPskIdentity("old-id").map(PskSecurity::endpoint)).contains("dev2");
  }

  @Test
  void replacingWithTheSameIdentityAndANewKeyKeepsTheIdentityIndexed() {
    store.put(psk("dev1", "id"));
    PskSecurity rekeyed = new PskSecurity("dev1", "id", new byte[] {9, 9});
    store.put(rekeyed);
    assertThat(store.byPskIdentity("id")).contains(rekeyed);
  }

  @Test
  void replacingAPskByAnotherModeDropsTheIdentity() {
    store.put(psk("dev1", "id"));
    PublicKey key = TestKeys.p256();
    store.put(new RpkSecurity("dev1", key));
    assertThat(store.byPskIdentity("id")).isEmpty();
    assertThat(store.byPublicKey(key)).isPresent();
    store.put(new X509Security("dev1"));
    assertThat(store.byPublicKey(key)).isEmpty();
    assertThat(store.byEndpoint("dev1")).contains(new X509Security("dev1"));
  }

  @Test
  void removeForgetsTheEndpointAndItsIdentity() {
    PskSecurity dev1 = psk("dev1", "id");
    store.put(dev1);
    assertThat(store.remove("dev1")).contains(dev1);
    assertThat(store.byEndpoint("dev1")).isEmpty();
    assertThat(store.byPskIdentity("id")).isEmpty();
    assertThat(store.remove("dev1")).isEmpty();
    store.put(psk("dev2", "id"));
    assertThat(store.byPskIdentity("id").map(PskSecurity::endpoint)).contains("dev2");
  }

  @Test
  void allListsByEndpointName() {
    store.put(new X509Security("c"));
    store.put(psk("a", "a"));
    store.put(new RpkSecurity("b", TestKeys.p256()));
    assertThat(store.all()).extracting(SecurityInfo::endpoint).containsExactly("a", "b", "c");
  }

  @Test
  void listenersHearAddsChangesAndRemovals() {
    List<String> heard = new CopyOnWriteArrayList<>();
    SecurityStoreListener listener = new SecurityStoreListener() {
      @Override
      public void changed(String endpoint, Optional<SecurityInfo> previous) {
        heard.add("changed " + endpoint + " from " + previous.map(SecurityInfo::mode).orElse("nothing"));
      }

      @Override
      public void removed(String endpoint, SecurityInfo previous) {
        heard.add("removed " + endpoint + " was " + previous.mode());
      }
    };
    store.addListener(listener);
    store.put(psk("dev1", "id"));
    store.put(new X509Security("dev1"));
    store.remove("dev1");
    store.remove("dev1");
    assertThat(heard).containsExactly("changed dev1 from nothing", "changed dev1 from psk", "removed dev1 was x509");

    store.removeListener(listener);
    store.put(psk("dev1", "id"));
    assertThat(heard).hasSize(3);
  }

  @Test
  void puttingAnEqualCredentialAgainIsNotAChange() {
    List<String> heard = new ArrayList<>();
    store.addListener(new RecordingListener(heard));
    store.put(psk("dev1", "id"));
    assertThat(store.put(psk("dev1", "id"))).contains(psk("dev1", "id"));
    assertThat(heard).containsExactly("changed dev1");
  }

  @Test
  void aRejectedPutIsNotAChange() {
    List<String> heard = new ArrayList<>();
    store.put(psk("dev1", "id"));
    store.addListener(new RecordingListener(heard));
    assertThatThrownBy(() -> store.put(psk("dev2", "id"))).isInstanceOf(ConflictException.class);
    assertThat(heard).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotStopTheOthersNorTheChange() {
    List<String> heard = new ArrayList<>();
    store.addListener(new SecurityStoreListener() {
      @Override
      public void changed(String endpoint, Optional<SecurityInfo> previous) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void removed(String endpoint, SecurityInfo previous) {
        throw new IllegalStateException("listener bug");
      }
    });
    store.addListener(new RecordingListener(heard));
    store.put(psk("dev1", "id"));
    store.remove("dev1");
    assertThat(heard).containsExactly("changed dev1", "removed dev1");
  }

  @Test
  void concurrentWritersLeaveTheIndexesConsistent() throws Exception {
    int threads = 4;
    int rounds = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < rounds; i++) {
            // endpoints are shared between threads, identities are contested: some puts must conflict
            String endpoint = "dev" + (i % 8);
            String identity = "id" + ((i + thread) % 10);
            try {
              store.put(psk(endpoint, identity));
            } catch (ConflictException expected) {
              // another endpoint holds the identity right now
            }
            if (i % 7 == thread) {
              store.remove(endpoint);
            }
            store.byPskIdentity(identity);
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<SecurityInfo> all = store.all();
    for (SecurityInfo info : all) {
      PskSecurity psk = (PskSecurity) info;
      assertThat(store.byPskIdentity(psk.identity())).contains(psk);
    }
    for (int id = 0; id < 10; id++) {
      store.byPskIdentity("id" + id).ifPresent(psk -> assertThat(store.byEndpoint(psk.endpoint())).contains(psk));
    }
    assertThat(all.stream().map(info -> ((PskSecurity) info).identity()).distinct()).hasSameSizeAs(all);
  }

  private static final class RecordingListener implements SecurityStoreListener {
    private final List<String> heard;

    RecordingListener(List<String> heard) {
      this.heard = heard;
    }

    @Override
    public void changed(String endpoint, Optional<SecurityInfo> previous) {
      heard.add("changed " + endpoint);
    }

    @Override
    public void removed(String endpoint, SecurityInfo previous) {
      heard.add("removed " + endpoint);
    }
  }
}
