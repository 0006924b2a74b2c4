/**
 * A comparison written for people and programs: the terminal's table, {@code results.json} and
 * {@code .csv}, the charts and the HTML report, and reading saved results back.
 */
package org.iolab.bench.report;
