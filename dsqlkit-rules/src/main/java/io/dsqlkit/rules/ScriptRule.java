package io.dsqlkit.rules;

/** A rule over a whole script (transaction shape, ordering). */
public interface ScriptRule extends Rule {
    void check(ScriptContext ctx);
}
