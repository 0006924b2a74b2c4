/**
 * The apps that come with iolab, each written once and served by every engine:
 * {@link org.iolab.apps.UpperProtocol} / {@link org.iolab.apps.UpperDatagram} (upper-case
 * echo), {@link org.iolab.apps.ChatRoom}, {@link org.iolab.apps.MenuProtocol} (and
 * {@link org.iolab.apps.MenuStreamHandler}, the same menu socketserver-style). {@link
 * org.iolab.apps.Apps} finds them by name.
 */
package org.iolab.apps;
