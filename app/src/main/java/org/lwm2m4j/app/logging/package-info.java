/**
 * The {@code lwm2m} command's logging: {@link org.lwm2m4j.app.logging.LoggingOptions} gives every
 * command {@code --log-level} and {@code -v}, and {@link org.lwm2m4j.app.logging.LogLevel} sets
 * Logback's levels from them. What {@code logback.xml} adds to Logback so that a log line is one
 * line whatever a network peer sent: the message and exception messages are written with every
 * control, separator and format character escaped ({@link org.lwm2m4j.core.codec.PrintableText}).
 * The libraries escape nothing themselves (an embedding application brings its own logging);
 * they refuse unprintable endpoint names where they enter instead.
 */
package org.lwm2m4j.app.logging;
