package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ConflictException;

/**
 * The in-memory store under {@link PskFileSync}: each apply stands for a start with the file as it
 * is then. The same behaviour across SQLite reopens is checked in {@code SqliteStorePskFileTest}.
 */
class PskFileSyncTest {
  private static final Path FILE = Path.of("psk.csv");

  private final InMemorySecurityStore store = new InMemorySecurityStore();

  private static PskSecurity psk(String endpoint) {
    return new PskSecurity(endpoint, endpoint + "-id", new byte[] {1, 2, 3, 4});
  }

  @Test
  void aLineRemovedFromTheFileIsRevokedAtTheNextStart() {
    PskFileSync.Outcome first = PskFileSync.apply(store, FILE, List.of(psk("dev1"), psk("dev2")));
    assertThat(first.loaded()).containsExactly("dev1", "dev2");
    assertThat(first.revoked()).isEmpty();

    PskFileSync.Outcome second = PskFileSync.apply(store, FILE, List.of(psk("dev1")));

    assertThat(second.loaded()).containsExactly("dev1");
    assertThat(second.revoked()).containsExactly("dev2");
    assertThat(store.all()).containsExactly(psk("dev1"));
    assertThat(store.byPskIdentity("dev2-id")).isEmpty();
  }

  @Test
  void credentialsPutThroughTheApiAreNeverRevoked() {
    PskSecurity api = psk("dev-api");
    store.put(api);
    PskFileSync.apply(store, FILE, List.of(psk("dev1")));

    PskFileSync.Outcome emptied = PskFileSync.apply(store, FILE, List.of());

    assertThat(emptied.revoked()).containsExactly("dev1");
    assertThat(store.all()).containsExactly(api);
    assertThat(store.origin("dev-api")).contains(CredentialOrigin.API);
  }

  @Test
  void anEntryTheApiReplacedIsNoLongerTheFilesToRevoke() {
    PskFileSync.apply(store, FILE, List.of(psk("dev1")));
    PskSecurity replaced = new PskSecurity("dev1", "dev1-new-id", new byte[] {9});
    store.put(replaced);

    PskFileSync.Outcome outcome = PskFileSync.apply(store, FILE, List.of());

    assertThat(outcome.revoked()).isEmpty();
    assertThat(store.byEndpoint("dev1")).contains(replaced);
  }

  @Test
  void aLineOfTheFileTakesOverAnEndpointTheApiAdded() {
    store.put(psk("dev1"));
    PskFileSync.apply(store, FILE, List.of(psk("dev1")));
    assertThat(store.origin("dev1")).contains(CredentialOrigin.PSK_FILE);

    assertThat(PskFileSync.apply(store, FILE, List.of()).revoked()).containsExactly("dev1");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anIdentityMovedToAnotherEndpointInTheFileIsNoConflict() {
    PskFileSync.apply(store, FILE, List.of(new PskSecurity("old-name", "shared-id", new byte[] {1})));

    PskFileSync.Outcome renamed = PskFileSync.apply(store, FILE, List.of(new PskSecurity("new-name", "shared-id", new byte[] {1})));

    assertThat(renamed.revoked()).containsExactly("old-name");
    assertThat(store.byPskIdentity("shared-id").map(PskSecurity::endpoint)).contains("new-name");
  }

  @Test
  void listenersHearTheRevocationSoThatRegistrationsAndSessionsEnd() {
    PskFileSync.apply(store, FILE, List.of(psk("dev1"), psk("dev2")));
    List<String> removed = new CopyOnWriteArrayList<>();
    store.addListener(new SecurityStoreListener() {
      @Override
      public void changed(String endpoint, Optional<SecurityInfo> previous) {}

      @Override
      public void removed(String endpoint, SecurityInfo previous) {
        removed.add(endpoint);
      }
    });

    PskFileSync.apply(store, FILE, List.of(psk("dev1")));

    assertThat(removed).containsExactly("dev2");
  }

  @Test
  void aLineWhoseIdentityAnApiCredentialHoldsIsAConflictThatSaysWhatToDo() {
    store.put(new PskSecurity("dev-api", "taken-id", new byte[] {1}));

    assertThatThrownBy(() -> PskFileSync.apply(store, FILE, List.of(new PskSecurity("dev1", "taken-id", new byte[] {1}))))
        .isInstanceOf(ConflictException.class).hasMessageContaining("psk.csv").hasMessageContaining("'dev1'")
        .hasMessageContaining("'dev-api'").hasMessageContaining("through the API");
    assertThat(store.byPskIdentity("taken-id").map(PskSecurity::endpoint)).contains("dev-api");
  }

  @Test
  void aRemovedEntryForgetsItsOrigin() {
    PskFileSync.apply(store, FILE, List.of(psk("dev1")));
    store.remove("dev1");
    assertThat(store.origin("dev1")).isEmpty();
  }
}
