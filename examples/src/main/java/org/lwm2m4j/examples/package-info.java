/**
 * The README's Java snippets as compiled code: a server and a client embedded in a program, and
 * the codecs used on their own. Each source's {@code README:begin}/{@code README:end} region is
 * the README's text, word for word; {@code ReadmeSnippetsTest} keeps the two the same.
 */
package org.lwm2m4j.examples;
