package io.dsqlkit.rules.change.support;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.Rule;
import io.dsqlkit.rules.Severity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Id, SQLSTATE, help, profiles and the documented message texts of one rule. */
public abstract class BaseRule implements Rule {
    public static final Set<Profile> ALL_PROFILES = Collections.unmodifiableSet(EnumSet.allOf(Profile.class));
    /** Only the GA surface (features DSQL added later are accepted under the current profile). */
    public static final Set<Profile> GA_ONLY = Collections.unmodifiableSet(EnumSet.of(Profile.DSQL_2025_05));

    private final String id;
    private final String sqlstate;
    private final String help;
    private final Set<Profile> profiles;
    private final List<String> messages;

    protected BaseRule(String id, String sqlstate, String help, Set<Profile> profiles, String... messages) {
        this.id = id;
        this.sqlstate = sqlstate;
        this.help = help;
        this.profiles = profiles;
        this.messages = List.of(messages);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String sqlstate() {
        return sqlstate;
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public Set<Profile> profiles() {
        return profiles;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    /** The messages this rule reports (interpolated ones with a representative value); doc pages quote them. */
    public List<String> messages() {
        return messages;
    }
}
