/**
 * {@code iolab compare --live}: the running lab on a page. {@link org.iolab.bench.live.LiveLab}
 * listens to a comparison and publishes numbered events (the plan, each run's start and row, the
 * medians and verdicts, the report) that the page ({@code lab.html}, {@code lab.js}) reads as
 * history and then as server-sent events, on iolab-admin's page machinery.
 */
package org.iolab.bench.live;
