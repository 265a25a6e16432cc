package org.lwm2m4j.app.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.client.object.firmware.FirmwareUpdateInstance;
import org.lwm2m4j.client.object.firmware.FirmwareUpdater;

/**
 * The CLI client's firmware installation: with {@code --firmware-hook CMD}, Update writes the
 * package to a temporary file and runs {@code CMD FILE}; exit status 0 is success (Update Result 1),
 * anything else "firmware update failed" (8). Without a hook every package is accepted.
 */
final class HookFirmwareUpdater implements FirmwareUpdater {
  private static final long HOOK_TIMEOUT_MINUTES = 10;

  private final Optional<List<String>> command;
  private final PrintWriter out;

  /** @param command the hook's words (program and arguments, split on blanks), if one is set */
  HookFirmwareUpdater(Optional<String> command, PrintWriter out) {
    this.command = command.map(text -> List.of(text.trim().split("\\s+")));
    this.out = out;
  }

  @Override
  public int verify(byte[] firmwarePackage) {
    out.println("firmware: package of " + firmwarePackage.length + " bytes downloaded");
    return FirmwareUpdateInstance.RESULT_INITIAL;
  }

  @Override
  public int install(byte[] firmwarePackage) {
    if (command.isEmpty()) {
      out.println("firmware: update accepted (no --firmware-hook)");
      return FirmwareUpdateInstance.RESULT_SUCCESS;
    }
    Path file = null;
    try {
      file = Files.createTempFile("lwm2m-firmware-", ".bin");
      Files.write(file, firmwarePackage);
      List<String> words = new ArrayList<>(command.get());
      words.add(file.toString());
      Process process = new ProcessBuilder(words).inheritIO().start();
      if (!process.waitFor(HOOK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        out.println("firmware: the hook did not finish within " + HOOK_TIMEOUT_MINUTES + " min; update failed");
        return FirmwareUpdateInstance.RESULT_UPDATE_FAILED;
      }
      int exit = process.exitValue();
      out.println("firmware: hook exited with " + exit + (exit == 0 ? "; update succeeded" : "; update failed"));
      return exit == 0 ? FirmwareUpdateInstance.RESULT_SUCCESS : FirmwareUpdateInstance.RESULT_UPDATE_FAILED;
    } catch (IOException e) {
      out.println("firmware: cannot run the hook: " + e.getMessage());
      return FirmwareUpdateInstance.RESULT_UPDATE_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FirmwareUpdateInstance.RESULT_UPDATE_FAILED;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
