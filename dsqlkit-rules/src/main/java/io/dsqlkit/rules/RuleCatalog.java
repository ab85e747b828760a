package io.dsqlkit.rules;

import io.dsqlkit.rules.change.ChangeSurfaceRules;
import io.dsqlkit.rules.create.CreateSurfaceRules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Every rule dsqlkit knows, in a stable order. */
public final class RuleCatalog {
    private static final List<Rule> ALL;

    static {
        List<Rule> all = new ArrayList<>();
        all.addAll(CreateSurfaceRules.rules());
        all.addAll(ChangeSurfaceRules.rules());
        ALL = Collections.unmodifiableList(all);
    }

    private RuleCatalog() {}

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
