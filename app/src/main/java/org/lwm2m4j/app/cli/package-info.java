/**
 * What every command of the CLI shares: {@link org.lwm2m4j.app.cli.BadInputException} for input a
 * user must correct, and {@link org.lwm2m4j.app.cli.ModelsDirectory} for loading object models from
 * a directory given on the command line.
 */
package org.lwm2m4j.app.cli;
