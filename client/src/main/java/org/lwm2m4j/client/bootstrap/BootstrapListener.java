package org.lwm2m4j.client.bootstrap;

/** Told how bootstraps go; called on the bootstrap client's thread. */
public interface BootstrapListener {
  /** A session began: {@code serverInitiated} when the Bootstrap-Server started it without a Bootstrap-Request. */
  default void started(boolean serverInitiated) {}

  /** Bootstrap-Finish was accepted; the new accounts are in place (and saved, with a state directory). */
  default void finished() {}

  /** The session failed; the previous accounts are back. */
  default void failed(String reason) {}
}
