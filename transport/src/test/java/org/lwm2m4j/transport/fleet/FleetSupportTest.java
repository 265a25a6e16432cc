package org.lwm2m4j.transport.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a JVM started without the options says, checked in a child JVM started without them. */
class FleetSupportTest {

  @Test
  void inThisTestJvmAFleetSocketIsAvailable() {
    assertThat(FleetSupport.unavailableReason()).isEmpty();
  }

  @Test
  void withoutTheForeignModuleOpeningSaysWhichOptionsToAddAndWhatToFallBackTo() throws Exception {
    String output = probe();

    assertThat(output).startsWith("unavailable: the module jdk.incubator.foreign is not loaded")
        .contains("--add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED")
        .contains("DatagramChannel");
  }

  @Test
  void withoutNativeAccessOpeningSaysSo() throws Exception {
    String output = probe("--add-modules", "jdk.incubator.foreign");

    assertThat(output).startsWith("unavailable: native access is not enabled")
        .contains("--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void withBothOptionsAChildJvmOpensOne() throws Exception {
    String output = probe("--add-modules", "jdk.incubator.foreign",
        "--enable-native-access=ALL-UNNAMED");

    assertThat(output).startsWith("opened port ");
  }

  private static String probe(String... jvmOptions) throws IOException, InterruptedException,
      URISyntaxException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("-cp");
    command.add(location(FleetSupport.class) + File.pathSeparator + location(FleetProbe.class));
    command.add(FleetProbe.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
