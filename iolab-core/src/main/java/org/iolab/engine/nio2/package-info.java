/** The {@code nio2} engine: JDK asynchronous channels (the Proactor, emulated over epoll on Linux). */
package org.iolab.engine.nio2;
