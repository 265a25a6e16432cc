package org.lwm2m4j.app.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.lwm2m4j.core.codec.PrintableText;

/**
 * {@code %safeMsg}: the formatted message with CR, LF and every other character that is not
 * printable escaped ({@code \r}, {@code \n}, {@code \u001b}…), so a peer's text in a message (an
 * endpoint name, a URI path, a PSK identity) cannot start a log line of its own or drive a
 * terminal. Created by Logback from the pattern; stateless.
 */
public final class EscapedMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return PrintableText.escape(event.getFormattedMessage());
  }
}
