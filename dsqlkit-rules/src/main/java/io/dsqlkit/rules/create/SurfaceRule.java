package io.dsqlkit.rules.create;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementRule;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Common metadata of the create-surface rules: id, SQLSTATE, help, profiles, and the message
 * texts the rule reports (the doc page of each rule must quote all of them).
 */
public abstract class SurfaceRule implements StatementRule, Documented {
    private final String id;
    private final String sqlstate;
    private final String help;
    private final Set<Profile> profiles;

    protected SurfaceRule(String id, String sqlstate, String help, Set<Profile> profiles) {
        this.id = id;
        this.sqlstate = sqlstate;
        this.help = help;
        this.profiles = Set.copyOf(profiles);
    }

    protected SurfaceRule(String id, String sqlstate, String help) {
        this(id, sqlstate, help, EnumSet.allOf(Profile.class));
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
    public abstract List<String> messages();

    /** Profiles from {@code first} on (the surface DSQL gained at that date). */
    static Set<Profile> since(Profile first) {
        EnumSet<Profile> s = EnumSet.noneOf(Profile.class);
        for (Profile p : Profile.values()) if (p.isAtLeast(first)) s.add(p);
        return s;
    }

    /** Profiles before {@code first} (the surface that lacked a feature added at that date). */
    static Set<Profile> before(Profile first) {
        EnumSet<Profile> s = EnumSet.noneOf(Profile.class);
        for (Profile p : Profile.values()) if (!p.isAtLeast(first)) s.add(p);
        return s;
    }
}
