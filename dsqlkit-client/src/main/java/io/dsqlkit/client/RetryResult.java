package io.dsqlkit.client;

/** The value a transaction produced and how many attempts it took (1 = no retry). */
public record RetryResult<T>(T value, int attempts) {}
