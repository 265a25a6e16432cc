/**
 * The {@code lwm2m} command line: {@link org.lwm2m4j.app.Main} dispatches to the subcommands
 * ({@code server}, {@code bootstrap-server}, {@code client}, {@code decode}, {@code encode}) in
 * the sub-packages; {@link org.lwm2m4j.app.cli.BadInputException} is input the user must fix (exit
 * status 2).
 */
package org.lwm2m4j.app;
