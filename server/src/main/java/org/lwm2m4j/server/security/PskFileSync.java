package org.lwm2m4j.server.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lwm2m4j.core.error.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a PSK file the source of truth for the credentials it loads, at each start: the store's
 * {@link CredentialOrigin#PSK_FILE} credentials become exactly the file's lines. Those whose line
 * is gone are removed first (revoked: listeners end their registrations), so a
 * PSK identity moved to another endpoint in the file is no conflict; then every line is put with
 * that origin. Credentials of origin {@link CredentialOrigin#API} are never removed, though a line
 * for the same endpoint takes it over. Logs one INFO line per revoked credential and a summary.
 */
public final class PskFileSync {
  private static final Logger LOG = LoggerFactory.getLogger(PskFileSync.class);

  /**
   * What one {@link #apply} did.
   *
   * @param loaded the endpoints of the file's lines, in file order
   * @param revoked the endpoints whose file credential was removed, sorted
   */
  public record Outcome(List<String> loaded, List<String> revoked) {
    /** Copies both lists. */
    public Outcome {
      loaded = List.copyOf(loaded);
      revoked = List.copyOf(revoked);
    }
  }

  private PskFileSync() {}

  /**
   * Revokes the file credentials of {@code store} that {@code lines} no longer hold, then puts
   * {@code lines} as file credentials.
   *
   * @param file the file the lines were read from, named in the log
   * @param lines the file's credentials, as {@link PskFile#load} read them
   * @throws ConflictException (4.09) if a line's PSK identity belongs to an endpoint added through
   *     the API; the lines before it are stored
   */
  public static Outcome apply(SecurityStore store, Path file, List<PskSecurity> lines) {
    Objects.requireNonNull(store, "store");
    Set<String> inFile = new HashSet<>();
    List<String> loaded = new ArrayList<>();
    for (PskSecurity line : lines) {
      inFile.add(line.endpoint());
      loaded.add(line.endpoint());
    }
    List<String> revoked = new ArrayList<>();
    for (SecurityInfo info : store.all()) {
      String endpoint = info.endpoint();
      if (!inFile.contains(endpoint) && store.origin(endpoint).equals(Optional.of(CredentialOrigin.PSK_FILE))
          && store.remove(endpoint).isPresent()) {
        revoked.add(endpoint);
        LOG.info("revoked the {} credentials of '{}': its line is no longer in {}", info.mode(), endpoint, file);
      }
    }
    for (PskSecurity line : lines) {
      try {
        store.put(line, CredentialOrigin.PSK_FILE);
      } catch (ConflictException e) {
        throw new ConflictException(file + ": endpoint '" + line.endpoint() + "': " + e.getMessage()
            + " (added through the API; remove it there or change the identity in the file)", e);
      }
    }
    LOG.info("{}: {} PSK credential(s) loaded, {} revoked since the last start", file, loaded.size(), revoked.size());
    return new Outcome(loaded, revoked);
  }
}
