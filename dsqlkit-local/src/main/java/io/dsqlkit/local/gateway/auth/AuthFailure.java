package io.dsqlkit.local.gateway.auth;

/** Why a connection is refused, as DSQL words it (dsql-facts §5); sent as a FATAL ErrorResponse. */
public record AuthFailure(String sqlstate, String message, String hint) {
    /** 28P01 invalid_password: the token does not verify (DSQL's text carries no reason except for expiry). */
    static AuthFailure accessDenied(String hint) {
        return new AuthFailure("28P01", "unable to accept connection, access denied", hint);
    }

    /** 28000 invalid_authorization_specification: a valid token for the wrong action. */
    static AuthFailure wrongAction(String user, String action) {
        return new AuthFailure("28000", "Wrong user to action mapping. user: " + user + ", action: " + action, null);
    }
}
