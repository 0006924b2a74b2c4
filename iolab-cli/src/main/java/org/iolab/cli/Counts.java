package org.iolab.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number flags checked as they are parsed, so that the error names the flag and the
 * value ({@code Invalid value for option '--threads': -1 is not 0 or more}), not a field of the
 * configuration it ends up in.
 *
 * <p>Thread rule: stateless.
 */
final class Counts {

    private Counts() {
    }

    /** 0 or more. */
    static final class AtLeastZero implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return within(value, 0, Integer.MAX_VALUE);
        }
    }

    /** 1 or more. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return within(value, 1, Integer.MAX_VALUE);
        }
    }

    /** A TCP or UDP port: 0 to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return within(value, 0, 65535);
        }
    }

    static int within(String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new TypeConversionException(n + " is not " + (max == Integer.MAX_VALUE ? min + " or more"
                    : "from " + min + " to " + max));
        }
        return n;
    }
}
