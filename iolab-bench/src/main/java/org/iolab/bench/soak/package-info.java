/**
 * {@code iolab soak}: minutes of mixed load (echo clients, chat talkers and listeners, slow and
 * rude clients) against two servers of one engine, every reply and chat line checked, sockets
 * and memory watched for leaks.
 */
package org.iolab.bench.soak;
