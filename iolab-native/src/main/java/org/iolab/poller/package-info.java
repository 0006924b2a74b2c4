/**
 * Readiness in the spirit of mio: {@link org.iolab.poller.Poller} (register, modify,
 * deregister, poll, wakeup; the trigger mode explicit) with one backend per kernel mechanism:
 * {@link org.iolab.poller.SelectPoller}, {@link org.iolab.poller.PollPoller},
 * {@link org.iolab.poller.EpollPoller}.
 */
package org.iolab.poller;
