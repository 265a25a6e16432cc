package org.lwm2m4j.client.bootstrap.smartcard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the JDK's PC/SC provider at libpcsclite when nobody else did. The provider looks for the
 * unversioned {@code libpcsclite.so}, which only the development package installs on most Linux
 * distributions; the runtime package ships {@code libpcsclite.so.1}. The JDK reads the property
 * once, when the first {@code TerminalFactory} is made, so this must run before that.
 */
final class PcscLibrary {
  static final String PROPERTY = "sun.security.smartcardio.library";

  private static final Logger LOG = LoggerFactory.getLogger(PcscLibrary.class);

  private static final List<Path> CANDIDATES = List.of(
      Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"),
      Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1"),
      Path.of("/usr/lib/arm-linux-gnueabihf/libpcsclite.so.1"),
      Path.of("/usr/lib/i386-linux-gnu/libpcsclite.so.1"),
      Path.of("/usr/lib64/libpcsclite.so.1"),
      Path.of("/usr/lib/libpcsclite.so.1"));

  private PcscLibrary() {}

  static synchronized void configure() {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    for (Path candidate : CANDIDATES) {
      if (Files.isReadable(candidate)) {
        System.setProperty(PROPERTY, candidate.toString());
        LOG.debug("PC/SC library: {}", candidate);
        return;
      }
    }
  }
}
