package org.lwm2m4j.client.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.client.object.ObjectTree;

/** The state directory holds the provisioned keys: it is created owner-only, and so is every file in it. */
class ProvisionedStateTest {
  @TempDir
  Path temp;

  @BeforeEach
  void posixOnly() throws Exception {
    assumeThat(Files.getFileStore(temp).supportsFileAttributeView("posix")).isTrue();
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theStateDirectoryItCreatesAndTheSavedAccountsAreOwnerOnly() throws Exception {
    Path stateDir = temp.resolve("state/dev1");
    ProvisionedState.save(new ObjectTree(), stateDir);

    assertThat(mode(stateDir)).isEqualTo("rwx------");
    assertThat(mode(temp.resolve("state"))).isEqualTo("rwx------");
    assertThat(mode(stateDir.resolve(ProvisionedState.FILE))).isEqualTo("rw-------");
  }

  @Test
  void savedAccountsAnEarlierVersionLeftReadableAreMadeOwnerOnlyWhenLoaded() throws Exception {
    Path file = temp.resolve(ProvisionedState.FILE);
    Files.writeString(file, "[]");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(ProvisionedState.load(temp)).isPresent();
    assertThat(mode(file)).isEqualTo("rw-------");
  }
}
