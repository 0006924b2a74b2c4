/**
 * The completion family (the Proactor): {@link org.iolab.engine.completion.CompletionConnection}
 * submits reads and writes and is called back when they are done. {@code nio2} plugs the JDK's
 * asynchronous channels into it; {@code iouring} plugs in the kernel's own completion rings.
 *
 * <p>For engine writers, not applications: exported so that an engine in another module can
 * build on it, and free to change between versions (see the module's documentation).
 */
package org.iolab.engine.completion;
