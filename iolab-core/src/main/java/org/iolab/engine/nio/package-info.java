/** The {@code nio} engine: N JDK Selector event loops (the portable Reactor). */
package org.iolab.engine.nio;
