package org.lwm2m4j.server.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images in memory within the size bound, and kept in a directory across restarts. */
class FirmwareRepositoryTest {
  @Test
  void theSameBytesAreOneImageAndTheBoundIsKept() {
    FirmwareRepository repository = FirmwareRepository.inMemory(10);
    FirmwareImage first = repository.add("a", new byte[] {1, 2, 3, 4, 5, 6});
    assertThat(repository.add("again", new byte[] {1, 2, 3, 4, 5, 6})).isSameAs(first);
    assertThat(first.id()).hasSize(16);
    assertThatThrownBy(() -> repository.add("b", new byte[] {9, 9, 9, 9, 9})).isInstanceOf(FirmwareStorageFullException.class);
    assertThat(repository.remove(first.id())).isTrue();
    assertThat(repository.add("b", new byte[] {9, 9, 9, 9, 9}).size()).isEqualTo(5);
  }

  @Test
  void aDirectoryKeepsImagesAcrossRestarts(@TempDir Path dir) throws Exception {
    FirmwareImage image = FirmwareRepository.inDirectory(dir, 1000).add("fw.bin", new byte[] {7, 8, 9});
    FirmwareRepository reopened = FirmwareRepository.inDirectory(dir, 1000);
    assertThat(reopened.byId(image.id())).hasValueSatisfying(found -> {
      assertThat(found.name()).isEqualTo("fw.bin");
      assertThat(found.bytes()).containsExactly(7, 8, 9);
    });
    assertThat(reopened.remove(image.id())).isTrue();
    assertThat(FirmwareRepository.inDirectory(dir, 1000).all()).isEmpty();
  }
}
