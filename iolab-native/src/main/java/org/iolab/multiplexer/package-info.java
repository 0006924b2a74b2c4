/**
 * Readiness in the spirit of mio: {@link org.iolab.multiplexer.Multiplexer} (register, modify,
 * deregister, wait, wake up; the trigger mode explicit) with one backend per kernel mechanism,
 * {@link org.iolab.multiplexer.SelectMultiplexer}, {@link org.iolab.multiplexer.PollMultiplexer}
 * and {@link org.iolab.multiplexer.EpollMultiplexer}, on a shared base for the wake-up, the
 * native memory and the mapping of hang-ups and errors. Results land in reusable
 * {@link org.iolab.multiplexer.ReadyEvents}.
 */
package org.iolab.multiplexer;
