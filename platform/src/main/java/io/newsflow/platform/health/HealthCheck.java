package io.newsflow.platform.health;

import java.util.function.BooleanSupplier;

/**
 * One named condition of a service's readiness, answered without blocking: {@code /health/ready} is UP only
 * when every check is, and names each with its status and detail.
 */
public interface HealthCheck {

    /** The key this check has in {@code checks} of the readiness answer, e.g. {@code broker}. */
    String name();

    /** The current state; must return promptly, since a probe waits for it. */
    Result check();

    /** A check over a flag the service already keeps (Streams RUNNING, the story writer alive). */
    static HealthCheck of(String name, BooleanSupplier up, String downDetail) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return up.getAsBoolean() ? Result.up(null) : Result.down(downDetail);
            }
        };
    }

    /** A check's answer; {@code detail} says why it is down (or, optionally, what was seen when up). */
    record Result(boolean up, String detail) {
        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
