package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.bootstrap.BootstrapMode;

/** What every {@link BootstrapConfigStore} does; each implementation's test extends this. */
abstract class BootstrapConfigStoreContract {
  static final BootstrapSessionRecord SESSION = BootstrapSessionRecord.finished(Instant.parse("2025-01-01T10:00:00Z"),
      Instant.parse("2025-01-01T10:00:01Z"), Optional.of("127.0.0.1:56830"), BootstrapMode.PACK);

  abstract BootstrapConfigStore store();

  @Test
  void putReturnsTheReplacedConfig() {
    BootstrapConfig first = BootstrapConfig.of(List.of(TestConfigs.pskServer(1)));
    BootstrapConfig second = TestConfigs.designExample();

    assertThat(store().put("dev1", first)).isEmpty();
    assertThat(store().put("dev1", second)).contains(first);
    assertThat(store().get("dev1")).contains(second);
  }

  @Test
  void unknownEndpointsHaveNothing() {
    assertThat(store().get("nobody")).isEmpty();
    assertThat(store().remove("nobody")).isEmpty();
    assertThat(store().lastSession("nobody")).isEmpty();
  }

  @Test
  void allListsEveryConfigSortedByEndpoint() {
    store().put("b", TestConfigs.designExample());
    store().put("a", BootstrapConfig.of(List.of(TestConfigs.noSecServer(1))));

    assertThat(store().all().keySet()).containsExactly("a", "b");
    assertThat(store().all().get("b")).isEqualTo(TestConfigs.designExample());
    assertThatThrownBy(() -> store().all().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void removeDropsTheConfigAndItsSession() {
    store().put("dev1", TestConfigs.designExample());
    store().recordSession("dev1", SESSION);

    assertThat(store().remove("dev1")).contains(TestConfigs.designExample());
    assertThat(store().get("dev1")).isEmpty();
    assertThat(store().lastSession("dev1")).isEmpty();
    assertThat(store().all()).isEmpty();
  }

  @Test
  void recordsTheLastSessionOfAConfiguredEndpointOnly() {
    store().put("dev1", TestConfigs.designExample());
    BootstrapSessionRecord failed = BootstrapSessionRecord.failed(SESSION.started(), SESSION.started(), "timeout", Optional.empty(), BootstrapMode.REQUEST);

    store().recordSession("dev1", SESSION);
    store().recordSession("dev1", failed);
    store().recordSession("stranger", SESSION);

    assertThat(store().lastSession("dev1").map(BootstrapSessionRecord::outcome)).contains("failed: timeout");
    assertThat(store().lastSession("stranger")).isEmpty();
  }

  @Test
  void aFailedSessionIsRecordedBesideTheLastSuccessWithoutErasingIt() {
    store().put("dev1", TestConfigs.designExample());
    BootstrapSessionRecord success = BootstrapSessionRecord.finished(Instant.parse("2025-01-01T10:00:00Z"),
        Instant.parse("2025-01-01T10:00:01Z"), Optional.of("127.0.0.1:56830"), BootstrapMode.REQUEST,
        List.of("coap://127.0.0.1:5683", "coaps://127.0.0.1:5684"));
    BootstrapSessionRecord failed = BootstrapSessionRecord.failed(Instant.parse("2025-01-02T10:00:00Z"),
        Instant.parse("2025-01-02T10:00:24Z"), "device did not answer Bootstrap-Discover / within 24 s", Optional.of("127.0.0.1:40000"),
        BootstrapMode.PUSH);

    store().recordSession("dev1", success);
    store().recordSession("dev1", failed);
    store().recordSession("dev1", failed);

    BootstrapSessionRecord last = store().lastSession("dev1").orElseThrow();
    assertThat(last.failure()).contains("device did not answer Bootstrap-Discover / within 24 s");
    assertThat(last.started()).isEqualTo(Instant.parse("2025-01-02T10:00:00Z"));
    assertThat(last.lastSuccess()).isEqualTo(success.lastSuccess());
    assertThat(last.lastSuccess().orElseThrow().servers()).containsExactly("coap://127.0.0.1:5683", "coaps://127.0.0.1:5684");
  }

  @Test
  void anEmptyEndpointNameIsRefused() {
    assertThatThrownBy(() -> store().put("", TestConfigs.designExample()))
        .isInstanceOf(InvalidRequestException.class).hasMessage("the endpoint name must not be empty");
  }
}
