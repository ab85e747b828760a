package io.dsqlkit.migrate.load;

/**
 * A load was resumed under a load id that earlier ran with other input (another table, other columns
 * or other rows): resuming would skip positions that now hold rows never inserted, so nothing is written.
 */
public final class LoadInputChanged extends IllegalStateException {
    private final String loadId;

    public LoadInputChanged(String loadId) {
        super("load id '" + loadId + "' was used earlier for other rows (or another table or other columns); resuming it would "
                + "skip rows that were never inserted. Send exactly the rows of that call to resume it, or use a new load id "
                + "(or none) for new rows");
        this.loadId = loadId;
    }

    public String loadId() {
        return loadId;
    }
}
