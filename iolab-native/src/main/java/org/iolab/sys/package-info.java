/**
 * Linux libc through the Foreign Function and Memory API: the only code in iolab that makes
 * native calls. One file per kernel mechanism ({@link org.iolab.sys.Sockets},
 * {@link org.iolab.sys.EventFd}, {@link org.iolab.sys.Select}, {@link org.iolab.sys.Poll},
 * {@link org.iolab.sys.Epoll}), each quoting its C structs. Wrappers return the result or
 * {@code -errno}; {@link org.iolab.sys.Libc#check} turns that into a
 * {@link org.iolab.sys.SyscallException} such as {@code EMFILE accept4}.
 */
package org.iolab.sys;
