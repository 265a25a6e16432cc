package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.core.error.InvalidRequestException;

class FileBootstrapConfigStoreTest extends BootstrapConfigStoreContract {
  @TempDir
  Path dataDir;

  private FileBootstrapConfigStore store;
  private ExecutorService executor;

  @BeforeEach
  void open() {
    store = new FileBootstrapConfigStore(dataDir);
  }

  @AfterEach
  void stopExecutor() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  BootstrapConfigStore store() {
    return store;
  }

  @Test
  void configsWithTheirSecretsAndSessionsSurviveARestart() throws Exception {
    BootstrapConfig everything = TestConfigs.everything();
    store.put("urn:imei:490154203237518", everything);
    store.put("dev2", TestConfigs.designExample());
    store.recordSession("dev2", SESSION);

    FileBootstrapConfigStore reopened = new FileBootstrapConfigStore(dataDir);

    assertThat(reopened.all()).containsOnlyKeys("dev2", "urn:imei:490154203237518");
    assertThat(reopened.get("urn:imei:490154203237518")).contains(everything);
    assertThat(reopened.get("dev2")).contains(TestConfigs.designExample());
    assertThat(reopened.lastSession("dev2")).contains(SESSION);
    assertThat(reopened.lastSession("urn:imei:490154203237518")).isEmpty();
  }

  @Test
  void aRemovedConfigStaysRemovedAfterARestart() {
    store.put("dev1", TestConfigs.designExample());
    store.recordSession("dev1", SESSION);
    store.remove("dev1");

    assertThat(new FileBootstrapConfigStore(dataDir).all()).isEmpty();
    assertThat(files("configs")).isEmpty();
    assertThat(files("sessions")).isEmpty();
  }

  @Test
  void replacingAConfigLeavesOneFileAndNoTemporaryFiles() {
    for (int lifetime = 1; lifetime <= 5; lifetime++) {
      store.put("dev1", BootstrapConfig.of(List.of(new ServerAccountConfig(1, "coap://h", lifetime, "U", new SecurityConfig.NoSec()))));
      store.recordSession("dev1", SESSION);
    }

    assertThat(files("configs")).containsExactly("dev1.json");
    assertThat(files("sessions")).containsExactly("dev1.json");
    assertThat(new FileBootstrapConfigStore(dataDir).get("dev1").orElseThrow().servers().get(0).lifetime()).isEqualTo(5);
  }

  @Test
  void filesHoldingSecretsAreReadableByTheOwnerOnly() throws Exception {
    assumeThat(Files.getFileStore(dataDir).supportsFileAttributeView("posix")).isTrue();
    store.put("dev1", TestConfigs.designExample());
    store.recordSession("dev1", SESSION);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("configs/dev1.json")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("sessions/dev1.json")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("configs")))).isEqualTo("rwx------");
    assertThat(Files.readString(dataDir.resolve("configs/dev1.json"))).contains("00112233445566778899aabbccddeeff");
  }

  @Test
  void theDataDirectoryItCreatesIsOwnerOnlyAndFilesLeftReadableAreMadeOwnerOnlyAtStart() throws Exception {
    assumeThat(Files.getFileStore(dataDir).supportsFileAttributeView("posix")).isTrue();
    Path created = dataDir.resolve("data-bs");
    new FileBootstrapConfigStore(created).put("dev1", TestConfigs.designExample());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");

    Path config = created.resolve("configs/dev1.json");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(new FileBootstrapConfigStore(created).get("dev1")).isPresent();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
  }

  @Test
  void fileNamesAreUrlSafeAndKeepNamesDifferingInCaseApart() {
    assertThat(FileBootstrapConfigStore.fileName("dev-1_a")).isEqualTo("dev-1_a.json");
    assertThat(FileBootstrapConfigStore.fileName("urn:imei:123")).isEqualTo("urn%3Aimei%3A123.json");
    assertThat(FileBootstrapConfigStore.fileName("Dev1")).isEqualTo("%44ev1.json");
    assertThat(FileBootstrapConfigStore.fileName("../x")).isEqualTo("%2E%2E%2Fx.json");
    assertThat(FileBootstrapConfigStore.fileName("é")).isEqualTo("%C3%A9.json");
    assertThatThrownBy(() -> FileBootstrapConfigStore.fileName("x".repeat(241)))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("the endpoint name is too long for the file store");
  }

  @Test
  void endpointsThatLookLikePathsStayInsideTheStore() {
    store.put("../../etc/passwd", TestConfigs.designExample());
    store.put("DEV", TestConfigs.designExample());
    store.put("dev", BootstrapConfig.of(List.of(TestConfigs.noSecServer(1))));

    assertThat(files("configs")).containsExactlyInAnyOrder("%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.json", "%44%45%56.json", "dev.json");
    assertThat(new FileBootstrapConfigStore(dataDir).all()).containsOnlyKeys("../../etc/passwd", "DEV", "dev");
  }

  @Test
  void aDamagedFileIsSkippedAndLeftForRepairWhileTheOthersLoad() throws Exception {
    store.put("dev1", TestConfigs.designExample());
    Files.writeString(dataDir.resolve("configs/broken.json"), "{\"endpoint\":\"broken\",\"config\":{\"servers\":[");
    Files.writeString(dataDir.resolve("configs/other.json"), "{\"endpoint\":\"dev1\",\"config\":{}}");

    FileBootstrapConfigStore reopened = new FileBootstrapConfigStore(dataDir);

    assertThat(reopened.all()).containsOnlyKeys("dev1");
    assertThat(reopened.get("dev1")).contains(TestConfigs.designExample());
    assertThat(files("configs")).contains("broken.json", "other.json");
  }

  @Test
  void temporaryFilesLeftByACrashAreRemovedAtStart() throws Exception {
    store.put("dev1", TestConfigs.designExample());
    Files.writeString(dataDir.resolve("configs/.tmp-123.part"), "{\"endpoint\":\"dev1\",\"config\":{\"serv");
    Files.writeString(dataDir.resolve("sessions/.tmp-456.part"), "");

    FileBootstrapConfigStore reopened = new FileBootstrapConfigStore(dataDir);

    assertThat(reopened.get("dev1")).contains(TestConfigs.designExample());
    assertThat(files("configs")).containsExactly("dev1.json");
    assertThat(files("sessions")).isEmpty();
  }

  @Test
  void aSessionWithoutItsConfigIsDroppedAtStart() throws Exception {
    Files.writeString(dataDir.resolve("sessions/ghost.json"),
        "{\"endpoint\":\"ghost\",\"session\":{\"started\":\"2025-01-01T10:00:00Z\",\"outcome\":\"running\"}}",
        StandardCharsets.UTF_8);

    FileBootstrapConfigStore reopened = new FileBootstrapConfigStore(dataDir);

    assertThat(reopened.lastSession("ghost")).isEmpty();
    assertThat(files("sessions")).isEmpty();
  }

  @Test
  void concurrentPutsAllLandOnDiskAndInMemory() throws Exception {
    int threads = 4;
    int putsPerThread = 20;
    executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(executor.submit(() -> {
        start.await();
        for (int i = 0; i < putsPerThread; i++) {
          store.put("dev-" + thread + "-" + i, BootstrapConfig.of(List.of(TestConfigs.noSecServer(i + 1))));
          // Every thread also rewrites one shared endpoint, so writes to one file race too.
          store.put("shared", BootstrapConfig.of(List.of(TestConfigs.noSecServer(thread * 100 + i + 1))));
          store.recordSession("shared", SESSION);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }

    assertThat(store.all()).hasSize(threads * putsPerThread + 1);
    FileBootstrapConfigStore reopened = new FileBootstrapConfigStore(dataDir);
    assertThat(reopened.all()).isEqualTo(store.all());
    assertThat(reopened.lastSession("shared")).contains(SESSION);
    assertThat(files("configs")).hasSize(threads * putsPerThread + 1).noneMatch(name -> name.startsWith("."));
    assertThat(files("sessions")).containsExactly("shared.json");
  }

  @Test
  void aStoreInAFreshDirectoryIsEmpty() {
    assertThat(new FileBootstrapConfigStore(dataDir.resolve("fresh/nested")).all()).isEmpty();
    assertThat(dataDir.resolve("fresh/nested/configs")).isDirectory();
    assertThat(dataDir.resolve("fresh/nested/sessions")).isDirectory();
    assertThat(store.get("x")).isEqualTo(Optional.empty());
  }

  private List<String> files(String dir) {
    try (Stream<Path> entries = Files.list(dataDir.resolve(dir))) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
