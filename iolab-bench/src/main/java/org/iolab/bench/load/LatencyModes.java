package org.iolab.bench.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Whether a latency sample has two modes, and where: on this VM one connection's round trip is
 * either about 10 us or about 70 us depending on where the two threads land, so a p50 can be
 * either and says nothing about the engine. The sample is binned on a log scale (each bin
 * {@value #BIN_RATIO} times the last); its tallest bin is one mode, and the tallest bin at
 * least {@value #APART} times away from it, with a valley between them under half the smaller
 * peak, is the other, when it holds at least {@value #MIN_SHARE} of the sample.
 *
 * <p>Thread rule: immutable.
 *
 * @param lowMicros the lower mode, in microseconds: the median of the values below the valley
 * @param lowShare the share of the sample below the valley between the modes (0..1)
 * @param highMicros the higher mode: the median of the values above it
 * @param highShare the share above the valley
 */
public record LatencyModes(double lowMicros, double lowShare, double highMicros, double highShare) {

    static final double BIN_RATIO = 1.25;
    static final double APART = 2;
    static final double MIN_SHARE = 0.1;

    /** The two modes of {@code micros}, or {@code null} when it has one (or too few values). */
    public static LatencyModes of(Histogram micros) {
        long total = micros.getTotalCount();
        if (total < 100) {
            return null;
        }
        int n = 0;
        long[] counts = new long[128];
        double[] values = new double[128];
        for (HistogramIterationValue v : micros.logarithmicBucketValues(1, BIN_RATIO)) {
            if (n == counts.length) {
                break;
            }
            counts[n] = v.getCountAddedInThisIterationStep();
            values[n++] = v.getValueIteratedTo();
        }
        int peak = 0;
        for (int i = 1; i < n; i++) {
            if (counts[i] > counts[peak]) {
                peak = i;
            }
        }
        int other = -1;
        for (int i = 0; i < n; i++) {
            double ratio = Math.max(values[i], 1) / Math.max(values[peak], 1);
            if ((ratio >= APART || ratio <= 1 / APART) && counts[i] > 0 && (other < 0 || counts[i] > counts[other])
                    && valley(counts, Math.min(i, peak), Math.max(i, peak)) * 2 < counts[i]) {
                other = i;
            }
        }
        if (other < 0) {
            return null;
        }
        int lo = Math.min(peak, other);
        int hi = Math.max(peak, other);
        int split = lo;
        for (int i = lo; i <= hi; i++) {
            if (counts[i] < counts[split]) {
                split = i;
            }
        }
        long below = 0;
        for (int i = 0; i <= split; i++) {
            below += counts[i];
        }
        double lowShare = (double) below / total;
        if (lowShare < MIN_SHARE || 1 - lowShare < MIN_SHARE) {
            return null;
        }
        // each mode's value: the median of its side of the valley
        return new LatencyModes(micros.getValueAtPercentile(lowShare * 50), lowShare,
                micros.getValueAtPercentile(100 * lowShare + (1 - lowShare) * 50), 1 - lowShare);
    }

    private static long valley(long[] counts, int from, int to) {
        long least = Long.MAX_VALUE;
        for (int i = from; i <= to; i++) {
            least = Math.min(least, counts[i]);
        }
        return least;
    }

    /** {@code "two modes: 62% near 10 us, 38% near 70 us"}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "two modes: %.0f%% near %.0f us, %.0f%% near %.0f us", lowShare * 100,
                lowMicros, highShare * 100, highMicros);
    }
}
