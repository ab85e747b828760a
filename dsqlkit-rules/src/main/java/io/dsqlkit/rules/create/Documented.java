package io.dsqlkit.rules.create;

import java.util.List;

/** A rule whose doc page must quote every message it reports. */
public interface Documented {
    /**
     * The messages this rule reports. Interpolated messages appear with a representative value
     * (e.g. {@code datatype money not supported}).
     */
    List<String> messages();
}
