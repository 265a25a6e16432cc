package org.lwm2m4j.client.registration;

/** What executing a Server object resource asks of the registration engine. */
public interface ServerActions {
  /** {@code /1/x/4} Disable: de-register, stay silent for the Disable Timeout, then register again. */
  void disable(int shortServerId);

  /** {@code /1/x/8} Registration Update Trigger: send an Update now. */
  void triggerUpdate(int shortServerId);

  /** {@code /1/x/9} Bootstrap-Request Trigger (1.1). */
  void triggerBootstrap(int shortServerId);
}
