package io.dsqlkit.rules;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one base class of dsqlkit's rules: it holds a rule's id, SQLSTATE, help line, profiles and the
 * messages it reports (its doc page must quote every one). A rule adds {@link StatementRule} or
 * {@link ScriptRule} and its check; its evidence comes from {@link Evidence#of}. To add a rule, run
 * {@code scripts/new-rule.sh} (see docs/architecture.md, "How to add a rule").
 */
public abstract class BaseRule implements Rule {
    public static final Set<Profile> ALL_PROFILES = Collections.unmodifiableSet(EnumSet.allOf(Profile.class));
    /** Only the GA surface (features DSQL added later are accepted under the current profile). */
    public static final Set<Profile> GA_ONLY = Collections.unmodifiableSet(EnumSet.of(Profile.DSQL_2025_05));

    private final String id;
    private final String sqlstate;
    private final String help;
    private final Set<Profile> profiles;
    private final List<String> messages;

    /**
     * @param messages the messages this rule reports, interpolated ones with a representative value
     *                 (e.g. {@code datatype money not supported}); a rule that computes its list
     *                 overrides {@link #messages()} instead
     */
    protected BaseRule(String id, String sqlstate, String help, Set<Profile> profiles, String... messages) {
        this.id = id;
        this.sqlstate = sqlstate;
        this.help = help;
        this.profiles = Set.copyOf(profiles);
        this.messages = List.of(messages);
    }

    protected BaseRule(String id, String sqlstate, String help) {
        this(id, sqlstate, help, ALL_PROFILES);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String sqlstate() {
        return sqlstate;
    }

    @Override
    public final String help() {
        return help;
    }

    @Override
    public final Set<Profile> profiles() {
        return profiles;
    }

    @Override
    public List<String> messages() {
        return messages;
    }

    /** Profiles from {@code first} on (the surface DSQL gained at that date). */
    protected static Set<Profile> since(Profile first) {
        EnumSet<Profile> s = EnumSet.noneOf(Profile.class);
        for (Profile p : Profile.values()) if (p.isAtLeast(first)) s.add(p);
        return s;
    }

    /** Profiles before {@code first} (the surface that lacked a feature added at that date). */
    protected static Set<Profile> before(Profile first) {
        EnumSet<Profile> s = EnumSet.noneOf(Profile.class);
        for (Profile p : Profile.values()) if (!p.isAtLeast(first)) s.add(p);
        return s;
    }

    @Override
    public String toString() {
        return id;
    }
}
