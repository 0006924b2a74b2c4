/** The {@code iolab} command line (picocli): serve, client, engines. */
package org.iolab.cli;
