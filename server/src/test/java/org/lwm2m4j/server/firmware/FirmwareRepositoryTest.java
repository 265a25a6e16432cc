package org.lwm2m4j.server.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

  @Test
  void aStreamedImageIsHashedAndMovedIntoTheDirectory(@TempDir Path dir) throws Exception {
    byte[] bytes = new byte[200_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    FirmwareRepository repository = FirmwareRepository.inDirectory(dir, 1_000_000);
    FirmwareImage image = repository.add("big.bin", new ByteArrayInputStream(bytes), bytes.length);

    assertThat(image).isEqualTo(FirmwareImage.of("big.bin", bytes));
    assertThat(image.bytes()).isEqualTo(bytes);
    assertThat(Files.readAllBytes(dir.resolve(image.id() + ".bin"))).isEqualTo(bytes);
    assertThat(files(dir)).containsExactlyInAnyOrder(image.id() + ".bin", image.id() + ".name");
    assertThat(repository.add("same.bin", new ByteArrayInputStream(bytes), bytes.length)).isSameAs(image);
    assertThat(files(dir)).hasSize(2);
    assertThat(FirmwareRepository.inDirectory(dir, 1_000_000).byId(image.id())).hasValue(image);
  }

  @Test
  void anImageOverTheLimitIsRefusedAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
    FirmwareRepository repository = FirmwareRepository.inDirectory(dir, 1_000_000);
    assertThatThrownBy(() -> repository.add("fw.bin", new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOfSatisfying(FirmwareTooLargeException.class, e -> assertThat(e.limitBytes()).isEqualTo(10))
        .hasMessageContaining("10 bytes");
    assertThat(files(dir)).isEmpty();
    assertThat(repository.all()).isEmpty();
    assertThat(repository.totalBytes()).isZero();
    assertThat(repository.add("fw.bin", new ByteArrayInputStream(new byte[10]), 10).size()).isEqualTo(10);
  }

  @Test
  void anEndlessUploadIsCutOffAtTheLimit() {
    FirmwareRepository repository = FirmwareRepository.inMemory(FirmwareRepository.DEFAULT_MAX_TOTAL_BYTES);
    long limit = 1024 * 1024;
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 0x5a;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        java.util.Arrays.fill(buffer, offset, offset + length, (byte) 0x5a);
        return length;
      }
    };
    assertThatThrownBy(() -> repository.add("endless.bin", endless, limit))
        .isInstanceOfSatisfying(FirmwareTooLargeException.class, e -> assertThat(e.limitBytes()).isEqualTo(limit))
        .hasMessageContaining("1 MiB");
    assertThat(repository.all()).isEmpty();
  }

  @Test
  void anEmptyStreamIsNoImage() {
    FirmwareRepository repository = FirmwareRepository.inMemory(100);
    assertThatThrownBy(() -> repository.add("empty.bin", InputStream.nullInputStream(), 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  @Test
  void anUploadLeftHalfWayByACrashIsClearedAtStart(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("upload-123.partial"), new byte[] {1, 2, 3});
    assertThat(FirmwareRepository.inDirectory(dir, 1000).all()).isEmpty();
    assertThat(files(dir)).isEmpty();
  }

  private static java.util.List<String> files(Path dir) throws Exception {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(file -> file.getFileName().toString()).toList();
    }
  }
}
