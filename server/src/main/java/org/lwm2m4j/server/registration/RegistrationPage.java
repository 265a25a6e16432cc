package org.lwm2m4j.server.registration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of registrations in endpoint-name order, from {@link RegistrationStore#page}. Immutable.
 *
 * @param registrations the registrations of this page, in endpoint-name order
 * @param nextAfter the endpoint to pass as {@code after} for the next page; empty when no more
 *     registrations matched when this page was taken
 */
public record RegistrationPage(List<Registration> registrations, Optional<String> nextAfter) {
  public RegistrationPage {
    registrations = List.copyOf(registrations);
    Objects.requireNonNull(nextAfter, "nextAfter");
  }

  static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one registration, got limit " + limit);
    }
  }

  /** The first {@code limit} of {@code inOrder}, with a next page if one more is there. */
  static RegistrationPage take(Iterator<Registration> inOrder, int limit) {
    List<Registration> page = new ArrayList<>(Math.min(limit, 1_024));
    while (page.size() < limit && inOrder.hasNext()) {
      page.add(inOrder.next());
    }
    Optional<String> next = inOrder.hasNext() ? Optional.of(page.get(page.size() - 1).endpoint()) : Optional.empty();
    return new RegistrationPage(page, next);
  }
}
