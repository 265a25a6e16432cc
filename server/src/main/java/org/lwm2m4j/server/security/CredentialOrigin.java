package org.lwm2m4j.server.security;

/**
 * Where a stored credential came from, kept with it so that a {@code --psk-file} can revoke what
 * it loaded without touching what an operator added: the last put decides.
 */
public enum CredentialOrigin {
  /** Put through the REST API or {@link SecurityStore#put(SecurityInfo)}; stays until removed the same way. */
  API,
  /** Loaded from a PSK file by {@link PskFileSync}; revoked at the next start without its line. */
  PSK_FILE
}
