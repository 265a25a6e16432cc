/** The web consoles served at {@code /} by the server's and the Bootstrap-Server's HTTP APIs. */
package org.lwm2m4j.app.console;
