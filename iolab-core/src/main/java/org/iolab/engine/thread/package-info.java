/**
 * The thread-per-connection family: {@link org.iolab.engine.thread.ThreadedEngine} accepts on
 * a blocking socket and hands each connection to a {@link org.iolab.engine.thread.Dispatcher};
 * the engines {@code blocking}, {@code threads}, {@code pool} and {@code virtual} differ only in
 * that dispatcher.
 */
package org.iolab.engine.thread;
