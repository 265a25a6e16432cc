package org.lwm2m4j.server.cluster;

/** The cluster's shared Redis cannot be reached or refused a cluster command; the message says which. */
public final class ClusterUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public ClusterUnavailableException(String message) {
    super(message);
  }
}
