/** Test doubles shipped with the product: {@link org.iolab.testing.MemoryTransport}. */
package org.iolab.testing;
