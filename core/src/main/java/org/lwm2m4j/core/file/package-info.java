/** Files that hold secrets: created and kept readable by their owner only. */
package org.lwm2m4j.core.file;
